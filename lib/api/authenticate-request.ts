// Who is calling the API: reads the Authorization header and returns the principal with the scopes it
// holds right now, or throws: no, malformed, unknown or revoked credential, or one of another tenant
// (on a tenant URL) is 401 unauthorized; a token whose issuer was deprovisioned is 403 permission_denied.
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { INTEGRATION_SCOPES, isRole, scopesOfRole, type Scope } from "@/lib/permissions";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
import { appTokenStanding, recordAppUse } from "@/lib/oauth/app-access";
import { tenantSlugFromHost } from "@/lib/tenants/tenant-url";
import { clientIpOf } from "@/lib/http/client-ip";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { recordTokenUse } from "@/lib/tokens/last-use-recorder";

/** Who calls: a user's token (API token, SIEM agent, log collector) or an application (OAuth). */
export type ApiPrincipal = {
  type: "token" | "app";
  tenant: { id: string; slug: string };
  scopes: readonly Scope[];
  /** One key per credential, for rate limiting: the token, or the app in this tenant. */
  credentialKey: string;
  /** Who changes are attributed to: the issuing user, or the application by name. lib/ takes this. */
  actor: Actor;
  token?: { id: string; kind: string };
  user?: { id: string; name: string; email: string; role: string };
  app?: { id: string; name: string };
};

const unauthorized = (message: string) => new AppError("unauthorized", message);


export async function authenticateRequest(request: Request): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Send a credential: 'Authorization: Token <api token>' or 'Authorization: Bearer <access token>'.");
  const [scheme, credential, ...rest] = header.trim().split(/\s+/);
  if (!credential || rest.length > 0) throw unauthorized("The Authorization header is malformed: expected 'Token <api token>' or 'Bearer <access token>'.");

  const hostTenant = tenantSlugFromHost(request.headers.get("host"));
  if (scheme.toLowerCase() === "bearer") return authenticateApp(credential, hostTenant);
  if (scheme.toLowerCase() !== "token") {
    throw unauthorized(`The '${scheme.slice(0, 20)}' scheme is not accepted: use 'Token <api token>' or 'Bearer <access token>'.`);
  }

  const token = await findTokenByValue(credential);
  if (!token) throw unauthorized("The token is not valid.");
  if (token.revoked) throw unauthorized("The token has been revoked.");

  if (hostTenant && hostTenant !== token.tenantSlug) throw unauthorized("The token does not belong to this tenant.");

  if (token.issuer.deprovisioned) {
    throw new AppError("permission_denied", "Permission denied: the user who issued this token has been deprovisioned.");
  }

  recordTokenUse(token, { at: Date.now(), ip: clientIpOf(request.headers), userAgent: request.headers.get("user-agent") });

  const issuerScopes = scopesOfRole(token.issuer.role);
  const kindScopes: readonly Scope[] | undefined = INTEGRATION_SCOPES[token.kind as keyof typeof INTEGRATION_SCOPES];
  return {
    type: "token",
    credentialKey: `token:${token.id}`,
    token: { id: token.id, kind: token.kind },
    tenant: { id: token.tenantId, slug: token.tenantSlug },
    actor: { tenantId: token.tenantId, userId: token.issuer.id, label: token.issuer.email, role: isRole(token.issuer.role) ? token.issuer.role : null },
    user: { id: token.issuer.id, name: token.issuer.name, email: token.issuer.email, role: token.issuer.role },
    // An integration's token never holds more than its kind allows, nor more than its issuer has.
    scopes: kindScopes ? issuerScopes.filter((scope) => kindScopes.includes(scope)) : issuerScopes,
  };
}

/**
 * An application's access token. The token's roles are intersected with what the tenant consents to
 * now, and a deleted, disabled or unconsented app is refused: such changes reach issued tokens at once.
 */
async function authenticateApp(credential: string, hostTenant: string | null): Promise<ApiPrincipal> {
  // Refuses a token that is not valid with AppError("unauthorized").
  const verified = await verifyAccessToken(credential);
  const standing = await appTokenStanding(verified, hostTenant);
  if (!standing.accepted) throw new AppError(standing.code, standing.message);
  const { access, scopes } = standing;
  recordAppUse(access.consentId);
  return {
    type: "app",
    credentialKey: `app:${access.consentId}`,
    tenant: { id: access.tenantId, slug: access.tenantSlug },
    actor: { tenantId: access.tenantId, userId: null, label: `app:${access.appName}`, role: null },
    app: { id: access.appId, name: access.appName },
    scopes,
  };
}
