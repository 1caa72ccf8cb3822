import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/passwords";

export type SignInIdentity = { id: string; tenantId: string; role: string; sessionVersion: number; name: string; email: string };

/**
 * The user for an email and password, or null. Says nothing about why: an unknown email,
 * a wrong password and a deprovisioned account look the same to the caller.
 */
export async function authenticateUser(email: string, password: string): Promise<SignInIdentity | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const passwordMatches = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordMatches || user.deprovisionedAt) return null;
  return { id: user.id, tenantId: user.tenantId, role: user.role, sessionVersion: user.sessionVersion, name: user.name, email: user.email };
}
