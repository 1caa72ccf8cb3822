import { db } from "@/lib/db/client";

/** Whether the tenant already has a user with this email (lower-cased already). Other tenants are not asked. */
export async function emailInUse(tenantId: string, email: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { tenantId_email: { tenantId, email } }, select: { id: true } })) !== null;
}
