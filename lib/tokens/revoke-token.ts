import { db, transaction, type Tx } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordTokenEvent, type TokenEventVia } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, tokenEventData } from "@/lib/webhooks/enqueue-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { isFullAdmin, onlyRolesCan } from "@/lib/permissions";
import { visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { forgetCachedTokenById, forgetCachedTokensById } from "@/lib/tokens/token-cache";
import { toTokenObject, tokenObjectSelect, type TokenObject } from "@/lib/tokens/token-rows";
import { MAX_BULK_REVOKE } from "@/lib/tokens/schemas";
import { refuseReplacedValue, type CredentialCeiling } from "@/lib/tokens/credential-ceiling";

/**
 * Revokes an API token the actor may see (their own, or any of the tenant's for a full admin).
 * The row stays for the audit trail; every later use is refused, with its current value and with a
 * value a rotation replaced. A token the actor may not see is refused exactly like one that does not
 * exist, so nobody learns whether another user's or tenant's token exists. Through the API, a value a
 * rotation replaced (`credential`) revokes nothing.
 */
export async function revokeApiToken(
  actor: UserActor,
  tokenId: string,
  options: { via?: TokenEventVia; now?: Date; auditDetails?: Record<string, unknown>; credential?: CredentialCeiling } = {},
): Promise<{ name: string; token: TokenObject }> {
  if (options.credential) refuseReplacedValue(options.credential);
  const token = await db.apiToken.findFirst({ where: { ...visibleApiTokensWhere(actor), id: tokenId }, include: { serviceAccount: { select: { id: true, name: true } } } });
  if (!token) throw new AppError("not_found", "That token does not exist, or you may not revoke it.");
  const via = options.via ?? "ui";
  const now = options.now ?? new Date();
  const revoked = await transaction(async (tx) => {
    // Only a live token: of two revocations at once, one revokes and the other finds nothing to do
    // (so the token gets one audit entry and one webhook event).
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, tenantId: actor.tenantId, revokedAt: null }, data: { revokedAt: now, revokedByUserId: actor.userId } });
    if (count === 0) throw new AppError("not_found", "That token does not exist, or you may not revoke it.");
    await recordTokenEvent(tx, { tenantId: actor.tenantId, action: "revoked", token, actor: { userId: actor.userId }, via, details: { ...ownerDetails(token.serviceAccount), ...options.auditDetails } });
    await enqueueWebhookEvent(tx, { tenantId: actor.tenantId, type: "token.revoked", data: tokenEventData(token, { revokedBy: actor.label, via }), occurredAt: now });
    return tx.apiToken.findUniqueOrThrow({ where: { id: token.id, tenantId: actor.tenantId }, select: tokenObjectSelect });
  });
  await forgetCachedTokenById(token.id);
  return { name: token.name, token: toTokenObject(revoked, now) };
}

/** A service account's token names its owner in the audit trail. */
function ownerDetails(serviceAccount: { id: string; name: string } | null | undefined): Record<string, unknown> {
  return serviceAccount ? { serviceAccount: { id: serviceAccount.id, name: serviceAccount.name } } : {};
}

/** The audit entry and the webhook event of one revocation, in the revocation's transaction. */
async function recordRevocation(tx: Tx, actor: UserActor, token: { id: string; name: string; kind: string; userId: string; serviceAccount?: { id: string; name: string } | null }, via: TokenEventVia, now: Date): Promise<void> {
  await recordTokenEvent(tx, { tenantId: actor.tenantId, action: "revoked", token, actor: { userId: actor.userId }, via, details: ownerDetails(token.serviceAccount) });
  await enqueueWebhookEvent(tx, { tenantId: actor.tenantId, type: "token.revoked", data: tokenEventData(token, { revokedBy: actor.label, via }), occurredAt: now });
}

/**
 * Revokes several API tokens at once ("Revoke selected"). All or nothing: when any of them is not one the
 * actor may revoke (another user's, another tenant's, unknown or already revoked), nothing is revoked.
 */
export async function revokeApiTokens(actor: UserActor, tokenIds: readonly string[], now = new Date()): Promise<{ names: string[] }> {
  const ids = [...new Set(tokenIds)];
  if (ids.length === 0 || ids.length > MAX_BULK_REVOKE) throw new AppError("invalid_request", `Select 1 to ${MAX_BULK_REVOKE} tokens.`);
  const names = await transaction(async (tx) => {
    const tokens = await tx.apiToken.findMany({ where: { ...visibleApiTokensWhere(actor), id: { in: ids } }, select: { id: true, name: true, kind: true, userId: true, serviceAccount: { select: { id: true, name: true } } } });
    if (tokens.length !== ids.length) throw new AppError("not_found", "One or more of these tokens do not exist, or you may not revoke them. Nothing was revoked.");
    const { count } = await tx.apiToken.updateMany({ where: { tenantId: actor.tenantId, id: { in: ids }, revokedAt: null }, data: { revokedAt: now, revokedByUserId: actor.userId } });
    if (count !== ids.length) throw new AppError("conflict", "Some of these tokens were revoked by someone else just now. Nothing was revoked: reload the page and try again.");
    for (const token of tokens) await recordRevocation(tx, actor, token, "bulk", now);
    return tokens.map((token) => token.name);
  });
  await forgetCachedTokensById(ids);
  return { names };
}

/**
 * Offboarding: a full admin revokes every live API token of one user of their tenant. Each token gets its
 * own audit entry, and one entry on the user records the whole step with the count.
 */
export async function revokeAllTokensOfUser(actor: UserActor, userId: string, now = new Date()): Promise<{ userName: string; count: number }> {
  if (!actor.role || !isFullAdmin(actor.role)) throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan("portal.tokens.manageAll")}.`);
  const result = await transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId }, select: { id: true, name: true, email: true } });
    if (!user) throw new AppError("not_found", "That user does not exist in your organization.");
    // Not the tokens they made for service accounts: those belong to the accounts and outlive their maker.
    const tokens = await tx.apiToken.findMany({ where: { tenantId: actor.tenantId, userId, kind: "API_TOKEN", revokedAt: null, serviceAccountId: null }, select: { id: true, name: true, kind: true } });
    if (tokens.length > 0) {
      const { count } = await tx.apiToken.updateMany({ where: { tenantId: actor.tenantId, id: { in: tokens.map((token) => token.id) }, revokedAt: null }, data: { revokedAt: now, revokedByUserId: actor.userId } });
      if (count !== tokens.length) throw new AppError("conflict", "Some of these tokens were revoked by someone else just now. Nothing was revoked: try again.");
    }
    for (const token of tokens) await recordRevocation(tx, actor, { ...token, userId }, "offboarding", now);
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "user.tokensRevoked", targetType: "USER", targetId: userId, details: { email: user.email, count: tokens.length } },
      tx,
    );
    return { userName: user.name, ids: tokens.map((token) => token.id) };
  });
  await forgetCachedTokensById(result.ids);
  return { userName: result.userName, count: result.ids.length };
}
