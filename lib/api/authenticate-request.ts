// Who is calling the API: reads the Authorization header and returns the principal with the
// scopes it holds right now, or throws the ApiError that CONTRACT §4 prescribes.
import { ApiError } from "@/lib/errors";
import { INTEGRATION_SCOPES, scopesOfRole, type Scope } from "@/lib/permissions";
import { tenantSlugFromHost } from "@/lib/tenants/tenant-url";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { recordTokenUse } from "@/lib/tokens/last-use-recorder";

export type ApiPrincipal = {
  type: "token";
  tokenId: string;
  tokenKind: string;
  tenant: { id: string; slug: string };
  user: { id: string; name: string; email: string; role: string };
  scopes: readonly Scope[];
};

const unauthorized = (message: string) => new ApiError("unauthorized", message);

export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

export async function authenticateRequest(request: Request): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Send a credential: 'Authorization: Token <api token>'.");
  const [scheme, credential, ...rest] = header.trim().split(/\s+/);
  if (!credential || rest.length > 0) throw unauthorized("The Authorization header is malformed: expected 'Token <api token>'.");

  if (scheme.toLowerCase() !== "token") {
    throw unauthorized(`The '${scheme.slice(0, 20)}' scheme is not accepted: use 'Authorization: Token <api token>'.`);
  }

  const token = await findTokenByValue(credential);
  if (!token) throw unauthorized("The token is not valid.");
  if (token.revoked) throw unauthorized("The token has been revoked.");

  const hostTenant = tenantSlugFromHost(request.headers.get("host"));
  if (hostTenant && hostTenant !== token.tenantSlug) throw unauthorized("The token does not belong to this tenant.");

  if (token.issuer.deprovisioned) {
    throw new ApiError("permission_denied", "Permission denied: the user who issued this token has been deprovisioned.");
  }

  recordTokenUse(token, { at: Date.now(), ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") });

  const issuerScopes = scopesOfRole(token.issuer.role);
  const kindScopes: readonly Scope[] | undefined = INTEGRATION_SCOPES[token.kind as keyof typeof INTEGRATION_SCOPES];
  return {
    type: "token",
    tokenId: token.id,
    tokenKind: token.kind,
    tenant: { id: token.tenantId, slug: token.tenantSlug },
    user: { id: token.issuer.id, name: token.issuer.name, email: token.issuer.email, role: token.issuer.role },
    // An integration's token never holds more than its kind allows, nor more than its issuer has.
    scopes: kindScopes ? issuerScopes.filter((scope) => kindScopes.includes(scope)) : issuerScopes,
  };
}
