import { crossTenantDb } from "@/lib/db/client";

/** Whether any tenant has a user with this email (lower-cased already). */
export async function emailInUse(email: string): Promise<boolean> {
  // Cross-tenant by design: emails are unique across tenants, since sign-in starts from the email alone.
  return (await crossTenantDb.user.findUnique({ where: { email }, select: { id: true } })) !== null;
}
