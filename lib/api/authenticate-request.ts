// Who is calling the API: reads the Authorization header and returns the principal with the scopes it
// holds right now, or throws, in this order:
//   401 unauthorized       no, malformed, unknown or revoked credential; an expired token; a value a
//                          rotation replaced once its grace period is over; a token of another tenant
//                          (on a tenant URL)
//   403 permission_denied  the token's issuer is deprovisioned, or the service account owning it is disabled
//                          (a deleted service account's tokens are revoked with it: 401)
//   403 ip_not_allowed     the token has allowed IP ranges and the client IP is in none of them
// (a missing scope, 403 forbidden, is decided per action by the guard in with-api-auth.ts).
import { AppError } from "@/lib/errors";
import { recordThrottledDenial } from "@/lib/audit/ip-denials";
import type { Actor } from "@/lib/actor";
import { isRole, type Scope } from "@/lib/permissions";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
import { acceptAppToken, recordAppUse } from "@/lib/oauth/app-access";
import { tenantSlugFromHost } from "@/lib/tenants/tenant-url";
import { clientIpOf } from "@/lib/http/client-ip";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { recordTokenUse } from "@/lib/tokens/last-use-recorder";
import { ipAllowed } from "@/lib/tokens/ip-allowlist";
import { effectiveScopes } from "@/lib/tokens/token-scopes";
import type { CachedToken } from "@/lib/tokens/token-cache";
import { serviceAccountLabel } from "@/lib/service-accounts/labels";

/** Who calls: a user's token (API token, SIEM agent, log collector) or an application (OAuth). */
export type ApiPrincipal = {
  type: "token" | "app";
  tenant: { id: string; slug: string };
  scopes: readonly Scope[];
  /** One key per credential, for rate limiting: the token, or the app in this tenant. */
  credentialKey: string;
  /** Who changes are attributed to: the issuing user, or the application by name. lib/ takes this. */
  actor: Actor;
  /** `replacedValue`: the value presented is one a rotation replaced, inside its grace period. */
  token?: { id: string; kind: string; name: string; expiresAt: number | null; chosenScopes: Scope[] | null; allowedIps: string[]; replacedValue: boolean };
  user?: { id: string; name: string; email: string; role: string };
  /** A service account's token: the account, whose role the token holds (no person acts). */
  serviceAccount?: { id: string; name: string; role: string };
  app?: { id: string; name: string };
};

const unauthorized = (message: string) => new AppError("unauthorized", message);

function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** Whether the presented value may still be used at `now`: not revoked, not expired, not replaced past its grace. */
function refuseIfNotValid(token: CachedToken, now: number): void {
  if (token.revoked) throw unauthorized("The token has been revoked.");
  if (token.replaced && (token.replaced.validUntil === null || now >= token.replaced.validUntil)) {
    throw unauthorized(
      token.replaced.validUntil === null
        ? "This token value was replaced by a rotation: use the new value."
        : `This token value was replaced by a rotation and its grace period ended at ${utc(token.replaced.validUntil)}: use the new value.`,
    );
  }
  if (token.expiresAt !== null && now >= token.expiresAt) throw unauthorized(`The token expired at ${utc(token.expiresAt)}.`);
}

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
  const now = Date.now();
  refuseIfNotValid(token, now);

  if (hostTenant && hostTenant !== token.tenantSlug) throw unauthorized("The token does not belong to this tenant.");

  // A service account's token answers to the account, never to the person who made it.
  const owner = token.serviceAccount;
  if (owner?.deleted) throw unauthorized("The service account that owned this token has been deleted.");
  if (owner?.disabled) throw new AppError("permission_denied", `Permission denied: the service account "${owner.name}" is disabled.`);
  if (!owner && token.issuer.deprovisioned) {
    throw new AppError("permission_denied", "Permission denied: the user who issued this token has been deprovisioned.");
  }

  const clientIp = clientIpOf(request.headers);
  if (!ipAllowed(clientIp, token.allowedRanges)) {
    // Audited, aggregated per token and minute, so a flood of refused calls cannot flood the log.
    recordThrottledDenial(token.tenantId, token.id, clientIp ?? "unknown");
    throw new AppError("ip_not_allowed", `This token may not be used from ${clientIp ?? "an unknown address"}: the address is not in its allowed IP ranges.`);
  }

  recordTokenUse(token, { at: now, ip: clientIp, userAgent: request.headers.get("user-agent") });

  const tokenInfo = {
    id: token.id,
    kind: token.kind,
    name: token.name,
    expiresAt: token.expiresAt,
    chosenScopes: token.chosenScopes,
    allowedIps: token.allowedRanges.map((range) => `${range.address.toString()}/${range.prefix}`),
    replacedValue: token.replaced !== null,
  };
  if (owner) {
    return {
      type: "token",
      credentialKey: `token:${token.id}`,
      token: tokenInfo,
      tenant: { id: token.tenantId, slug: token.tenantSlug },
      actor: { tenantId: token.tenantId, userId: null, label: serviceAccountLabel(owner.name), role: isRole(owner.role) ? owner.role : null },
      serviceAccount: { id: owner.id, name: owner.name, role: owner.role },
      // The account's role now ∩ the scopes chosen for the token.
      scopes: effectiveScopes({ kind: token.kind, chosenScopes: token.chosenScopes }, owner.role),
    };
  }

  return {
    type: "token",
    credentialKey: `token:${token.id}`,
    token: tokenInfo,
    tenant: { id: token.tenantId, slug: token.tenantSlug },
    actor: { tenantId: token.tenantId, userId: token.issuer.id, label: token.issuer.email, role: isRole(token.issuer.role) ? token.issuer.role : null },
    user: { id: token.issuer.id, name: token.issuer.name, email: token.issuer.email, role: token.issuer.role },
    // The issuer's role now ∩ the scopes chosen for the token ∩ what an integration's kind is for.
    scopes: effectiveScopes({ kind: token.kind, chosenScopes: token.chosenScopes }, token.issuer.role),
  };
}

/**
 * An application's access token. The token's roles are intersected with what the tenant consents to
 * now, and a deleted, disabled or unconsented app is refused: such changes reach issued tokens at once.
 */
async function authenticateApp(credential: string, hostTenant: string | null): Promise<ApiPrincipal> {
  // Refuses a token that is not valid with AppError("unauthorized").
  const verified = await verifyAccessToken(credential);
  const { access, scopes } = await acceptAppToken(verified, hostTenant);
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
