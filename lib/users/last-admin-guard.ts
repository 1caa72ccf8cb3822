import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isFullAdmin } from "@/lib/permissions";

export const LAST_ADMIN_MESSAGE = "This is the tenant's last active Global administrator: make someone else a Global administrator first.";

/**
 * Refuses (a "conflict" AppError) when taking `user` out of the full-admin role — demotion or
 * deprovisioning — would leave the tenant with no active full admin. Runs inside the change's
 * transaction.
 */
export async function refuseRemovingLastAdmin(tx: Tx, user: { id: string; tenantId: string; role: string; deprovisionedAt: Date | null }): Promise<void> {
  if (!isFullAdmin(user.role) || user.deprovisionedAt) return;
  const admins = await tx.user.findMany({ where: { tenantId: user.tenantId, deprovisionedAt: null, id: { not: user.id } }, select: { role: true } });
  if (!admins.some((admin) => isFullAdmin(admin.role))) throw new AppError("conflict", LAST_ADMIN_MESSAGE);
}
