// The fixed names of app-context access: the API's resource id, the token lifetime, and how issuers are
// shaped (Microsoft identity platform style, v1 and v2).

/** The API's resource id: the `aud` of every access token, and what `resource` / `scope` must name. */
export const RESOURCE_ID = "05a65629-4c1b-48c1-a78b-804c4abdd4af";
export const DEFAULT_SCOPE = `${RESOURCE_ID}/.default`;

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Clock skew we forgive on nbf/exp, between our instances and the callers'. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export type TokenVersion = "1.0" | "2.0";

/** Issuer of tokens for a tenant, as Microsoft's identity platform shapes them (v1 ends in "/", v2 in "/v2.0"). */
export function issuerFor(origin: string, tenantId: string, version: TokenVersion): string {
  return version === "2.0" ? `${origin}/${tenantId}/v2.0` : `${origin}/${tenantId}/`;
}

/** Tenant id and version of an issuer of ours, whatever origin the caller reached us on; null otherwise. */
export function parseIssuer(issuer: string): { tenantId: string; version: TokenVersion } | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return null;
  }
  const match = /^\/([0-9a-f-]{36})\/(v2\.0)?$/.exec(url.pathname);
  if (!match) return null;
  return { tenantId: match[1], version: match[2] ? "2.0" : "1.0" };
}

/** The origin the caller used, so discovery documents name URLs that work for them. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
