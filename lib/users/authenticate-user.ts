import { crossTenantDb } from "@/lib/db/client";
import { verifyPassword } from "@/lib/users/passwords";
import { AppError } from "@/lib/errors";

export type SignInIdentity = { id: string; tenantId: string; role: string; sessionVersion: number; name: string; email: string };

export const SIGN_IN_REFUSED = "The email or password is not correct.";

/**
 * The user for an email and password; otherwise throws one "unauthorized" AppError that says nothing
 * about why: an unknown email, a wrong password and a deprovisioned account look the same.
 */
export async function authenticateUser(email: string, password: string): Promise<SignInIdentity> {
  // Cross-tenant by design: sign-in starts from the email alone, and the user's row names the tenant.
  const user = await crossTenantDb.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const passwordMatches = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordMatches || user.deprovisionedAt) throw new AppError("unauthorized", SIGN_IN_REFUSED);
  return { id: user.id, tenantId: user.tenantId, role: user.role, sessionVersion: user.sessionVersion, name: user.name, email: user.email };
}
