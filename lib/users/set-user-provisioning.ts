import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";

/**
 * Deprovisions or reprovisions a user of the actor's tenant. Deprovisioning ends every open session
 * at once (the session version moves on) and every API call with the user's tokens is refused
 * with "permission denied"; the tokens themselves are kept. Returns false for an unknown user.
 */
export async function setUserProvisioning(actor: { id: string | null; tenantId: string }, userId: string, provisioned: boolean): Promise<boolean> {
  const user = await db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
  if (!user) return false;
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: provisioned ? { deprovisionedAt: null } : { deprovisionedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.id, action: provisioned ? "user.reprovisioned" : "user.deprovisioned", targetType: "USER", targetId: user.id, details: { email: user.email } },
      tx,
    );
  });
  forgetCachedTokensOfUser(user.id);
  return true;
}
