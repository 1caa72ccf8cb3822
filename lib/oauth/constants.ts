// The fixed names of app-context access: the API's resource id, the token lifetime, and how issuers are
// shaped (Microsoft identity platform style, v1 and v2).
import { publicOrigin } from "@/lib/http/public-url";

/** The API's resource id: the `aud` of every access token, and what `resource` / `scope` must name. */
export const RESOURCE_ID = "05a65629-4c1b-48c1-a78b-804c4abdd4af";
export const DEFAULT_SCOPE = `${RESOURCE_ID}/.default`;

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Clock skew we forgive on nbf/exp, between our instances and the callers'. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export type TokenVersion = "1.0" | "2.0";

/**
 * The shape of an issuer, as Microsoft's identity platform has it (v1 ends in "/", v2 in "/v2.0").
 * The origin passed is always the configured one (see configuredIssuer), never a request's Host: a
 * token's `iss` is fixed per tenant and version, and checked exactly.
 */
export function issuerFor(origin: string, tenantId: string, version: TokenVersion): string {
  return version === "2.0" ? `${origin}/${tenantId}/v2.0` : `${origin}/${tenantId}/`;
}

/** The issuer Keyport names for a tenant and version: on KEYPORT_PUBLIC_URL, whatever the request's Host. */
export function configuredIssuer(tenantId: string, version: TokenVersion): string {
  return issuerFor(publicOrigin(), tenantId, version);
}
