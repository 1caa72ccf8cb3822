import type { Tx } from "@/lib/db/client";
import { isFullAdmin } from "@/lib/permissions";

export const LAST_ADMIN_MESSAGE = "This is the tenant's last active Global administrator: make someone else a Global administrator first.";

/**
 * True when taking `user` out of the full-admin role (demotion or deprovisioning) would leave the
 * tenant with no active full admin. Runs inside the change's transaction.
 */
export async function wouldRemoveLastAdmin(tx: Tx, user: { id: string; tenantId: string; role: string; deprovisionedAt: Date | null }): Promise<boolean> {
  if (!isFullAdmin(user.role) || user.deprovisionedAt) return false;
  const admins = await tx.user.findMany({ where: { tenantId: user.tenantId, deprovisionedAt: null, id: { not: user.id } }, select: { role: true } });
  return !admins.some((admin) => isFullAdmin(admin.role));
}
