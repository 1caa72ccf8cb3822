import { crossTenantDb, db } from "@/lib/db/client";

export type SessionClaims = { userId: string; tenantId: string; sessionVersion: number; sid: string };

/**
 * The signed-in user as the database has them now, with their tenant; null if the session no longer
 * holds: the user is gone, deprovisioned or in another tenant, their session version moved on
 * (deprovisioning, password reset), or this session was signed out.
 */
export async function getSessionUser(claims: SessionClaims) {
  // Looked up by id alone, then the row's tenant must be the one the session was issued for.
  const [user, revoked] = await Promise.all([
    crossTenantDb.user.findUnique({ where: { id: claims.userId }, include: { tenant: true } }),
    db.revokedSession.findUnique({ where: { sid: claims.sid }, select: { sid: true } }),
  ]);
  if (!user || revoked || user.tenantId !== claims.tenantId || user.deprovisionedAt || user.sessionVersion !== claims.sessionVersion) {
    return null;
  }
  return user;
}
