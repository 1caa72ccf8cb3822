import type { Tx } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/locks";
import { AppError } from "@/lib/errors";
import { isFullAdmin, ROLES } from "@/lib/permissions";

export const LAST_ADMIN_MESSAGE = "This is the tenant's last active Global administrator: make someone else a Global administrator first.";

const FULL_ADMIN_ROLES: string[] = ROLES.filter(isFullAdmin);

type UserState = { id: string; role: string; deprovisionedAt: Date | null };

/**
 * The user and the tenant's other active full admins as they are now, read under the tenant's
 * last-admin lock, held until the transaction ends.
 *
 * Two admins demoting each other at the same moment (on two instances) would each see the other still
 * an admin and both succeed, leaving none. Under the lock the second waits for the first to commit,
 * then reads the rows as the first left them.
 */
async function lockedAdminsAndUser(tx: Tx, tenantId: string, userId: string): Promise<UserState[]> {
  await lockForTransaction(tx, `last-admin:${tenantId}`);
  return tx.user.findMany({
    where: { tenantId, OR: [{ id: userId }, { role: { in: FULL_ADMIN_ROLES }, deprovisionedAt: null }] },
    select: { id: true, role: true, deprovisionedAt: true },
  });
}

/**
 * Refuses (a "conflict" AppError) when taking `user` out of the full-admin role — demotion or
 * deprovisioning — would leave the tenant with no active full admin. Runs inside the change's
 * transaction, before the change is written.
 */
export async function refuseRemovingLastAdmin(tx: Tx, user: { id: string; tenantId: string; role: string; deprovisionedAt: Date | null }): Promise<void> {
  if (!isFullAdmin(user.role) || user.deprovisionedAt) return;
  const rows = await lockedAdminsAndUser(tx, user.tenantId, user.id);
  // Decide on the rows as they are now, not as the caller read them before the lock.
  const now = rows.find((row) => row.id === user.id);
  if (!now || !isFullAdmin(now.role) || now.deprovisionedAt) return;
  const others = rows.filter((row) => row.id !== user.id && isFullAdmin(row.role) && !row.deprovisionedAt);
  if (others.length === 0) throw new AppError("conflict", LAST_ADMIN_MESSAGE);
}
