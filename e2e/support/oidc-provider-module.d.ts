// oidc-provider ships no type declarations; e2e/support/oidc-provider.ts types the little it uses.
declare module "oidc-provider";
