import { randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/users/passwords";
import type { Role } from "@/lib/permissions";

type NewUser = { tenantId: string; email: string; name: string; role: Role; actorUserId?: string | null };

/**
 * Creates a user with a password, or with the bcrypt hash of one: many accounts given the same password
 * (test fixtures) then share one hash instead of paying bcrypt's cost for each.
 */
export async function createUser(input: NewUser & ({ password: string } | { passwordHash: string })) {
  const passwordHash = "passwordHash" in input ? input.passwordHash : await hashPassword(input.password);
  return transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id: randomUUID(), tenantId: input.tenantId, email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash },
    });
    await recordAuditEvent(
      { tenantId: input.tenantId, actorUserId: input.actorUserId ?? null, action: "user.created", targetType: "USER", targetId: user.id, details: { email: user.email, role: user.role } },
      tx,
    );
    return user;
  });
}
