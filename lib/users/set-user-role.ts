import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";
import type { ActionResult } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import { LAST_ADMIN_MESSAGE, wouldRemoveLastAdmin } from "@/lib/users/last-admin-guard";

/**
 * Changes a user's role. Every API token of the user follows at once: tokens hold no scopes of their
 * own, the guard reads the issuer's role on each request (this instance's cache is dropped here).
 */
export async function setUserRole(actor: { id: string | null; tenantId: string }, userId: string, role: Role): Promise<ActionResult> {
  const result = await db.$transaction(async (tx): Promise<ActionResult> => {
    const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
    if (!user) return { ok: false, error: "No such user in this tenant." };
    if (user.role === role) return { ok: true, value: undefined };
    if (await wouldRemoveLastAdmin(tx, user)) return { ok: false, error: LAST_ADMIN_MESSAGE };
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.id, action: "user.roleChanged", targetType: "USER", targetId: user.id, details: { email: user.email, from: user.role, to: role } }, tx);
    return { ok: true, value: undefined };
  });
  forgetCachedTokensOfUser(userId);
  return result;
}
