// A real OpenID Connect provider for the single sign-on stories: the certified `oidc-provider` package,
// listening on a loopback port of the test process (each Playwright worker starts its own). Its login
// page is the package's development one (any login, any password); the login typed is the account,
// and the test says which email, groups and email_verified each account's ID token carries.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProviderAccount = { email: string; name?: string; email_verified?: boolean; groups?: string[] };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claims the ID token of `login` carries. */
  account(login: string, claims: ProviderAccount): void;
  close(): Promise<void>;
};

type ProviderInstance = { callback(): http.RequestListener; Grant: new (input: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  // ESM only: loaded at run time.
  const { default: Provider } = (await import("oidc-provider")) as unknown as { default: ProviderConstructor };
  const accounts = new Map<string, ProviderAccount>();
  const clientId = "keyport-e2e";
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}`;
  let handler: http.RequestListener = (_request, response) => response.end();
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [new URL("/signin", redirectUri).href],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // The claims go into the ID token itself, as Entra ID, Okta and Keycloak put them there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["e2e-provider-cookie-key"] },
    async findAccount(_context: unknown, accountId: string) {
      const claims = accounts.get(accountId) ?? { email: accountId };
      return { accountId, claims: async () => ({ sub: accountId, ...claims }) };
    },
    // A first-party application: no consent screen.
    async loadExistingGrant(context: { oidc: { client: { clientId: string }; session: { accountId: string }; provider: ProviderInstance } }) {
      const grant = new context.oidc.provider.Grant({ clientId: context.oidc.client.clientId, accountId: context.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    account: (login, claims) => accounts.set(login, claims),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
