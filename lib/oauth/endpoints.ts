// Route handlers of the OAuth endpoints (client-credentials token, OpenID metadata, JWKS), kept here so
// app/ route files are one line.
import { AppError } from "@/lib/errors";
import { issueAccessToken } from "@/lib/oauth/client-credentials";
import { oauthErrorResponse, oauthJson } from "@/lib/oauth/oauth-errors";
import { DEFAULT_SCOPE, RESOURCE_ID, issuerFor, requestOrigin, type TokenVersion } from "@/lib/oauth/constants";
import { currentSigner, publishedKeys } from "@/lib/oauth/signing-keys";
import { SCOPES } from "@/lib/permissions";
import { getTenantByIdOrSlug } from "@/lib/tenants/get-tenant";

type TenantRoute = { params: Promise<{ tenantId: string }> };

const MAX_FORM_BYTES = 16 * 1024;

/** The tenant id or slug the path names; a malformed escape is left as it is (and names no tenant). */
async function pathTenant(route: TenantRoute): Promise<string> {
  const { tenantId } = await route.params;
  try {
    return decodeURIComponent(tenantId);
  } catch {
    return tenantId;
  }
}

export function tokenEndpoint(version: TokenVersion) {
  return async (request: Request, route: TenantRoute): Promise<Response> => {
    try {
      const type = (request.headers.get("content-type") ?? "").toLowerCase();
      if (!type.startsWith("application/x-www-form-urlencoded")) {
        throw new AppError("invalid_request", "Send the token request form-encoded (Content-Type: application/x-www-form-urlencoded).");
      }
      const body = await request.text();
      if (Buffer.byteLength(body) > MAX_FORM_BYTES) throw new AppError("invalid_request", "The token request is too large.");
      const token = await issueAccessToken({
        tenant: await pathTenant(route),
        version,
        origin: requestOrigin(request),
        form: new URLSearchParams(body),
        authorization: request.headers.get("authorization"),
      });
      return oauthJson(token);
    } catch (error) {
      return oauthErrorResponse(error);
    }
  };
}

async function tenantFromPath(route: TenantRoute) {
  return getTenantByIdOrSlug(await pathTenant(route));
}

const notFound = () => Response.json({ error: "invalid_tenant", error_description: "Tenant not found." }, { status: 404 });

export function openIdConfiguration(version: TokenVersion) {
  return async (request: Request, route: TenantRoute): Promise<Response> => {
    const tenant = await tenantFromPath(route);
    if (!tenant) return notFound();
    const origin = requestOrigin(request);
    const base = `${origin}/${tenant.id}`;
    return Response.json(
      {
        issuer: issuerFor(origin, tenant.id, version),
        token_endpoint: version === "2.0" ? `${base}/oauth2/v2.0/token` : `${base}/oauth2/token`,
        jwks_uri: version === "2.0" ? `${base}/discovery/v2.0/keys` : `${base}/discovery/keys`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
        grant_types_supported: ["client_credentials"],
        response_types_supported: ["token"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_signing_alg_values_supported: ["RS256"],
        scopes_supported: version === "2.0" ? [DEFAULT_SCOPE] : [],
        claims_supported: ["aud", "iss", "iat", "nbf", "exp", "tid", "sub", "oid", "roles", "ver", version === "2.0" ? "azp" : "appid"],
        resource: RESOURCE_ID,
        keyport_application_permissions: SCOPES,
      },
      { headers: { "cache-control": "public, max-age=300" } },
    );
  };
}

export async function jwks(_request: Request, route: TenantRoute): Promise<Response> {
  const { tenantId } = await route.params;
  if (tenantId !== "common" && !(await tenantFromPath(route))) return notFound();
  // Make sure a signing key exists, so the set is never empty (a fresh install has signed nothing yet).
  await currentSigner();
  // Short cache: a rotated key must reach verifiers well within a token's hour.
  return Response.json({ keys: await publishedKeys() }, { headers: { "cache-control": "public, max-age=300" } });
}
