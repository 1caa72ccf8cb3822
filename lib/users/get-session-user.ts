import { crossTenantDb } from "@/lib/db/client";

/** The signed-in user as the database has them now, with their tenant; null if the session no longer holds. */
export async function getSessionUser(claims: { userId: string; tenantId: string; sessionVersion: number }) {
  // Looked up by id alone, then the row's tenant must be the one the session was issued for.
  const user = await crossTenantDb.user.findUnique({ where: { id: claims.userId }, include: { tenant: true } });
  if (!user || user.tenantId !== claims.tenantId || user.deprovisionedAt || user.sessionVersion !== claims.sessionVersion) {
    return null;
  }
  return user;
}
