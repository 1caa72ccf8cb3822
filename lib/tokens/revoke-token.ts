import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { visibleApiTokensWhere } from "@/lib/tokens/list-api-tokens";
import { forgetCachedToken } from "@/lib/tokens/token-cache";

/**
 * Revokes an API token the actor may see (their own, or any of the tenant's for a full admin).
 * The row stays for the audit trail; every later use is refused. A token the actor may not see is
 * refused exactly like one that does not exist, so nobody learns whether another user's or
 * tenant's token exists.
 */
export async function revokeApiToken(actor: UserActor, tokenId: string): Promise<{ name: string }> {
  const token = await db.apiToken.findFirst({ where: { ...visibleApiTokensWhere(actor), id: tokenId } });
  if (!token) throw new AppError("not_found", "That token does not exist, or you may not revoke it.");
  await transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: token.id, tenantId: actor.tenantId }, data: { revokedAt: new Date(), revokedByUserId: actor.userId } });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "token.revoked", targetType: token.kind, targetId: token.id, details: { name: token.name, issuerId: token.userId } },
      tx,
    );
  });
  forgetCachedToken(token.digest);
  return { name: token.name };
}
