import { db } from "@/lib/db/client";

/** The signed-in user as the database has them now, with their tenant; null if the session no longer holds. */
export async function getSessionUser(claims: { userId: string; tenantId: string; sessionVersion: number }) {
  const user = await db.user.findUnique({ where: { id: claims.userId }, include: { tenant: true } });
  if (!user || user.tenantId !== claims.tenantId || user.deprovisionedAt || user.sessionVersion !== claims.sessionVersion) {
    return null;
  }
  return user;
}
