import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { visibleApiTokensWhere, type TokenViewer } from "@/lib/tokens/list-api-tokens";
import { forgetCachedToken } from "@/lib/tokens/token-cache";

/**
 * Revokes an API token the actor may see (their own, or any of the tenant's for a full admin).
 * The row stays for the audit trail; every later use is refused. Returns false when there is no
 * such token for this actor, so nobody learns whether another user's or tenant's token exists.
 */
export async function revokeApiToken(actor: TokenViewer, tokenId: string): Promise<{ name: string } | null> {
  const token = await db.apiToken.findFirst({ where: { ...visibleApiTokensWhere(actor), id: tokenId } });
  if (!token) return null;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date(), revokedByUserId: actor.id } });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.id, action: "token.revoked", targetType: token.kind, targetId: token.id, details: { name: token.name, issuerId: token.userId } },
      tx,
    );
  });
  forgetCachedToken(token.digest);
  return { name: token.name };
}
