// User management of a tenant, for its full admins: list, add, change role, deprovision and
// reprovision, reset a password; and changing one's own password. Every change lands in the audit
// trail in the same transaction, and drops this instance's cached tokens of the user so API calls
// follow at once.
import { randomInt } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { createUser } from "@/lib/users/create-user";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";
import type { ActionResult } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import { LAST_ADMIN_MESSAGE, wouldRemoveLastAdmin } from "@/lib/users/last-admin-guard";

export type UserActor = { id: string | null; tenantId: string };

export type TenantUserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  deprovisionedAt: string | null;
  createdAt: string;
  apiTokenCount: number;
};

const ok = { ok: true, value: undefined } as const;
const fail = (error: string): ActionResult<never> => ({ ok: false, error });
export const NO_SUCH_USER = "No such user in this tenant.";

export async function listTenantUsers(tenantId: string): Promise<TenantUserRow[]> {
  const users = await db.user.findMany({
    where: { tenantId },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    include: { _count: { select: { tokens: { where: { kind: "API_TOKEN", revokedAt: null } } } } },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    deprovisionedAt: user.deprovisionedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    apiTokenCount: user._count.tokens,
  }));
}

/** A password for a person to type once and then change: 16 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

export async function addUser(
  actor: UserActor,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<ActionResult<{ id: string; email: string; name: string; initialPassword: string | null }>> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique across tenants (sign-in starts from the email), so say only that it is taken.
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, error: "This email already belongs to a Keyport account.", fieldErrors: { email: ["This email already belongs to a Keyport account."] } };
  }
  const initialPassword = input.password ? null : generatePassword();
  const user = await createUser({ tenantId: actor.tenantId, email, name: input.name, role: input.role, password: input.password ?? initialPassword!, actorUserId: actor.id });
  return { ok: true, value: { id: user.id, email: user.email, name: user.name, initialPassword } };
}

/**
 * Changes a user's role. Every API token of the user follows at once: tokens hold no scopes of their
 * own, the API guard reads the issuer's role on each request.
 */
export async function setUserRole(actor: UserActor, userId: string, role: Role): Promise<ActionResult> {
  const result = await db.$transaction(async (tx): Promise<ActionResult> => {
    const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
    if (!user) return fail(NO_SUCH_USER);
    if (user.role === role) return ok;
    if (await wouldRemoveLastAdmin(tx, user)) return fail(LAST_ADMIN_MESSAGE);
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.id, action: "user.roleChanged", targetType: "USER", targetId: user.id, details: { email: user.email, from: user.role, to: role } }, tx);
    return ok;
  });
  forgetCachedTokensOfUser(userId);
  return result;
}

/**
 * Deprovisioning ends every open session at once (the session version moves on) and every API call
 * with the user's tokens is refused with "permission denied"; the tokens are kept, and work again
 * after reprovisioning.
 */
export async function setUserProvisioning(actor: UserActor, userId: string, provisioned: boolean): Promise<ActionResult> {
  const result = await db.$transaction(async (tx): Promise<ActionResult> => {
    const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
    if (!user) return fail(NO_SUCH_USER);
    if (provisioned === (user.deprovisionedAt === null)) return ok;
    if (!provisioned && (await wouldRemoveLastAdmin(tx, user))) return fail(LAST_ADMIN_MESSAGE);
    await tx.user.update({
      where: { id: user.id },
      data: provisioned ? { deprovisionedAt: null } : { deprovisionedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.id, action: provisioned ? "user.reprovisioned" : "user.deprovisioned", targetType: "USER", targetId: user.id, details: { email: user.email } },
      tx,
    );
    return ok;
  });
  forgetCachedTokensOfUser(userId);
  return result;
}

/** Sets a new password (generated unless given) and ends the user's open sessions. */
export async function resetUserPassword(actor: UserActor, userId: string, password?: string): Promise<ActionResult<{ name: string; password: string | null }>> {
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
    if (!user) return fail(NO_SUCH_USER);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.id, action: "user.passwordReset", targetType: "USER", targetId: user.id, details: { email: user.email } }, tx);
    return { ok: true as const, value: { name: user.name, password: generated } };
  });
}

/** A user changes their own password; every session, this one included, ends. */
export async function changeOwnPassword(user: { id: string; tenantId: string }, currentPassword: string, newPassword: string): Promise<ActionResult> {
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
    return { ok: false, error: "The current password is not right.", fieldErrors: { currentPassword: ["The current password is not right."] } };
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: row.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent({ tenantId: user.tenantId, actorUserId: user.id, action: "user.passwordChanged", targetType: "USER", targetId: user.id, details: {} }, tx);
  });
  return ok;
}
