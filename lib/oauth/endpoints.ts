// Route handlers of the OAuth endpoints (client-credentials token, OpenID metadata, JWKS), kept here so
// app/ route files are one line. Every URL they name is on the configured public URL, never on the
// request's Host, and no answer may be kept by a cache.
import { AppError } from "@/lib/errors";
import { BODY_LIMITS, describeBytes } from "@/lib/http/body-limits";
import { clientIpOf } from "@/lib/http/client-ip";
import { limitAuthFailures } from "@/lib/rate-limit/auth-failures";
import { publicOrigin } from "@/lib/http/public-url";
import { readBodyText } from "@/lib/http/read-body";
import { issueAccessToken } from "@/lib/oauth/client-credentials";
import { oauthErrorResponse, oauthJson } from "@/lib/oauth/oauth-errors";
import { DEFAULT_SCOPE, RESOURCE_ID, configuredIssuer, type TokenVersion } from "@/lib/oauth/constants";
import { currentSigner, publishedKeys } from "@/lib/oauth/signing-keys";
import { SCOPES } from "@/lib/permissions";
import { getTenantByIdOrSlug } from "@/lib/tenants/get-tenant";

type TenantRoute = { params: Promise<{ tenantId: string }> };

/**
 * Metadata and keys are cheap to serve and client libraries keep their own copy; answers of the
 * OAuth paths are never stored by a shared cache, like every other API answer.
 */
const NO_STORE = { "cache-control": "no-store" };

const formTooLarge = () => new AppError("payload_too_large", `The token request is larger than ${describeBytes(BODY_LIMITS.oauthForm)}.`);

/** The tenant id or slug the path names. Next has already decoded the segment once; it is not decoded again. */
async function pathTenant(route: TenantRoute): Promise<string> {
  return (await route.params).tenantId;
}

export function tokenEndpoint(version: TokenVersion) {
  return async (request: Request, route: TenantRoute): Promise<Response> => {
    try {
      const type = (request.headers.get("content-type") ?? "").toLowerCase();
      if (!type.startsWith("application/x-www-form-urlencoded")) {
        throw new AppError("invalid_request", "Send the token request form-encoded (Content-Type: application/x-www-form-urlencoded).");
      }
      const body = await readBodyText(request, BODY_LIMITS.oauthForm, formTooLarge);
      const tenant = await pathTenant(route);
      // A wrong client id or secret counts against the client IP, which is refused for a while once
      // it has failed too often, before any secret is looked at.
      const token = await limitAuthFailures(clientIpOf(request.headers), () =>
        issueAccessToken({ tenant, version, origin: publicOrigin(), form: new URLSearchParams(body), authorization: request.headers.get("authorization") }),
      );
      return oauthJson(token);
    } catch (error) {
      return oauthErrorResponse(error);
    }
  };
}

async function tenantFromPath(route: TenantRoute) {
  return getTenantByIdOrSlug(await pathTenant(route));
}

const notFound = () => Response.json({ error: "invalid_tenant", error_description: "Tenant not found." }, { status: 404, headers: NO_STORE });

/** Metadata and key sets read the database too: while it is away they answer 503, not Next's 500 page. */
function answeringFailures(handler: (request: Request, route: TenantRoute) => Promise<Response>) {
  return async (request: Request, route: TenantRoute): Promise<Response> => {
    try {
      return await handler(request, route);
    } catch (error) {
      return oauthErrorResponse(error);
    }
  };
}

export function openIdConfiguration(version: TokenVersion) {
  return answeringFailures(async (_request: Request, route: TenantRoute): Promise<Response> => {
    const tenant = await tenantFromPath(route);
    if (!tenant) return notFound();
    const base = `${publicOrigin()}/${tenant.id}`;
    return Response.json(
      {
        issuer: configuredIssuer(tenant.id, version),
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
      { headers: NO_STORE },
    );
  });
}

export const jwks = answeringFailures(async (_request: Request, route: TenantRoute): Promise<Response> => {
  const tenantId = await pathTenant(route);
  if (tenantId !== "common" && !(await tenantFromPath(route))) return notFound();
  // Make sure a signing key exists, so the set is never empty (a fresh install has signed nothing yet).
  await currentSigner();
  return Response.json({ keys: await publishedKeys() }, { headers: NO_STORE });
});
