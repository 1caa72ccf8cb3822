// Keyport as an OpenID Connect relying party of one tenant's provider, on openid-client (a certified
// implementation): PKCE S256, state and nonce, and the ID token's signature (the provider's JWKS,
// fetched again when a token names a key it does not hold), issuer, audience and expiry, all checked
// there. Every call to the provider goes through providerFetch (the outbound rule, size and time limits).
// A tenant's configuration is kept per process until its settings change (their updatedAt is part of
// the key) or ten minutes pass, so the key set is not fetched on every sign-in.
import { randomUUID } from "node:crypto";
import * as oidc from "openid-client";
import { processCache, type ProcessCache } from "@/lib/cache/process-cache";
import type { Owned } from "@/lib/process-state";
import { discoverProvider, type ProviderMetadata } from "@/lib/identity/discovery";
import { providerFetch, PROVIDER_TIMEOUT_MS } from "@/lib/identity/outbound-fetch";
import type { SsoConfiguration } from "@/lib/identity/sso-settings";

export type RelyingParty = { configuration: oidc.Configuration; metadata: ProviderMetadata };

declare module "@/lib/process-state" {
  interface ProcessState {
    ssoRelyingParties: Owned<"lib/identity/relying-party", ProcessCache<RelyingParty>>;
  }
}

// openid-client keeps a configuration's internals (and its key-set cache) in module-level WeakMaps, and Next
// bundles a module once per bundle (route handlers, pages): a configuration made by one bundle's copy is
// unreadable to another's. The cache is the process's, so each copy keys its own entries.
const MODULE_COPY = randomUUID();

const parties = () => processCache<RelyingParty>("ssoRelyingParties", { ttlMs: 10 * 60_000, maxEntries: 500 });

/** The client authentication the provider takes: client_secret_basic unless it offers only client_secret_post. */
function clientAuthentication(metadata: ProviderMetadata, secret: string): oidc.ClientAuth {
  const supported = metadata.token_endpoint_auth_methods_supported;
  if (Array.isArray(supported) && !supported.includes("client_secret_basic") && supported.includes("client_secret_post")) return oidc.ClientSecretPost(secret);
  return oidc.ClientSecretBasic(secret);
}

/** Builds a relying party from metadata already read (also for tests, which serve their own provider). */
export function relyingPartyFor(metadata: ProviderMetadata, settings: Pick<SsoConfiguration, "clientId" | "clientSecret">): RelyingParty {
  const configuration = new oidc.Configuration(metadata as oidc.ServerMetadata, settings.clientId, undefined, clientAuthentication(metadata, settings.clientSecret));
  configuration[oidc.customFetch] = providerFetch as oidc.CustomFetch;
  configuration.timeout = PROVIDER_TIMEOUT_MS / 1000;
  // providerFetch has already refused http:// unless the operator allows private networks.
  if (metadata.issuer.startsWith("http://")) oidc.allowInsecureRequests(configuration);
  // Verify the ID token's signature against the provider's key set, not only trust the TLS channel.
  oidc.enableNonRepudiationChecks(configuration);
  return { configuration, metadata };
}

export async function relyingParty(settings: SsoConfiguration): Promise<RelyingParty> {
  const key = `${MODULE_COPY}|${settings.tenantId}|${settings.updatedAt.getTime()}`;
  const cached = parties().get(key);
  if (cached) return cached;
  const party = relyingPartyFor(await discoverProvider(settings.issuerUrl), settings);
  parties().set(key, party);
  return party;
}
