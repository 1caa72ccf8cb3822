// User management of a tenant, for its full admins: list, add, change role, deprovision and
// reprovision, reset a password; and changing one's own password. Every change lands in the audit
// trail in the same transaction, and drops this instance's cached tokens of the user so API calls
// follow at once. A refusal is thrown as an AppError with the sentence the person reads.
import { randomInt } from "node:crypto";
import { db, type Tx, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-event";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";
import type { Actor, UserActor } from "@/lib/actor";
import { createUser } from "@/lib/users/create-user";
import { emailInUse } from "@/lib/users/email-in-use";
import { NO_SUCH_USER } from "@/lib/users/schemas";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";
import { AppError, isAppError } from "@/lib/errors";
import { beginAttempt, clearFailures, lockedEmails, unlockEmail } from "@/lib/rate-limit/sign-in-throttle";
import { PASSWORD_CHECK_THROTTLED } from "@/lib/users/sign-in-messages";
import type { Role } from "@/lib/permissions";
import { refuseRemovingLastAdmin } from "@/lib/users/last-admin-guard";

export type TenantUserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  deprovisionedAt: string | null;
  createdAt: string;
  apiTokenCount: number;
  /** Until when sign-in with this email is refused after too many failed sign-ins; null when it is not. */
  signInLockedUntil: string | null;
  /** The last sign-in through the tenant's identity provider; null: never signed in with single sign-on. */
  lastSsoSignInAt: string | null;
};

const EMAIL_TAKEN = "This email already belongs to a Keyport account.";
const CURRENT_PASSWORD_WRONG = "The current password is not right.";

export async function listTenantUsers(tenantId: string): Promise<TenantUserRow[]> {
  const users = await db.user.findMany({
    where: { tenantId },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    // A person's own live tokens: those they made for a service account are the account's.
    include: { _count: { select: { tokens: { where: { kind: "API_TOKEN", revokedAt: null, serviceAccountId: null } } } } },
  });
  const locked = await lockedEmails(users.map((user) => user.email));
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    deprovisionedAt: user.deprovisionedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    apiTokenCount: user._count.tokens,
    signInLockedUntil: locked.get(user.email.toLowerCase())?.toISOString() ?? null,
    lastSsoSignInAt: user.lastSsoSignInAt?.toISOString() ?? null,
  }));
}

/** How many token names the deprovision dialog lists; it says how many more there are. */
export const LISTED_TOKEN_NAMES = 20;

/**
 * The names of a person's own live API tokens (not those they made for service accounts), for the
 * deprovision dialog to say which integrations will break.
 */
export async function liveTokenNamesOfUser(actor: UserActor, userId: string): Promise<string[]> {
  const user = await db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId }, select: { id: true } });
  if (!user) throw new AppError("not_found", NO_SUCH_USER);
  const tokens = await db.apiToken.findMany({
    where: { tenantId: actor.tenantId, userId: user.id, kind: "API_TOKEN", revokedAt: null, serviceAccountId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LISTED_TOKEN_NAMES,
    select: { name: true },
  });
  return tokens.map((token) => token.name);
}

/** A password for a person to type once and then change: 16 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

/** The user of the actor's tenant, inside the change's transaction; another tenant's user is "no such user". */
async function tenantUser(tx: Tx, actor: UserActor, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
  if (!user) throw new AppError("not_found", NO_SUCH_USER);
  return user;
}

export async function addUser(
  actor: UserActor,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<{ id: string; email: string; name: string; initialPassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique within a tenant only: whether another tenant has the address is none of this
  // tenant's business, and no tenant can reserve another's addresses.
  const taken = () => new AppError("conflict", EMAIL_TAKEN, { details: { email: [EMAIL_TAKEN] } });
  if (await emailInUse(actor.tenantId, email)) throw taken();
  const initialPassword = input.password ? null : generatePassword();
  try {
    const user = await createUser({ tenantId: actor.tenantId, email, name: input.name, role: input.role, password: input.password ?? initialPassword!, actorUserId: actor.userId });
    return { id: user.id, email: user.email, name: user.name, initialPassword };
  } catch (error) {
    // Someone added the same email between the check and the insert: the unique index answers.
    if ((error as { code?: unknown } | null)?.code === "P2002") throw taken();
    throw error;
  }
}

/**
 * Changes a user's role. Every API token of the user follows at once: tokens hold no scopes of their
 * own, the API guard reads the issuer's role on each request.
 */
export async function setUserRole(actor: UserActor, userId: string, role: Role): Promise<void> {
  await transaction(async (tx) => changeRoleInTx(tx, actor, await tenantUser(tx, actor, userId), role));
  await forgetCachedTokensOfUser(userId);
}

type UserRow = { id: string; tenantId: string; email: string; name: string; role: string; deprovisionedAt: Date | null };

/** Who acted, for the audit entry: the acting user, and how the change came when not from the portal. */
function auditActor(actor: Actor) {
  return { actorUserId: actor.userId, ...(actor.userId === null ? { actorLabel: actor.label } : {}) };
}
const viaOf = (actor: Actor) => (actor.via ? { via: actor.via } : {});

/**
 * The role change inside the caller's transaction (a provisioning client changes more of the user at
 * once, all or nothing); the caller drops the user's cached tokens once it has committed.
 */
export async function changeRoleInTx(tx: Tx, actor: Actor, user: UserRow, role: Role): Promise<void> {
  if (user.role === role) return;
  await refuseRemovingLastAdmin(tx, user);
  await tx.user.update({ where: { id: user.id, tenantId: actor.tenantId }, data: { role } });
  await recordAuditEvent({ tenantId: actor.tenantId, ...auditActor(actor), action: "user.roleChanged", targetType: "USER", targetId: user.id, details: { email: user.email, from: user.role, to: role, ...viaOf(actor) } }, tx);
}

/**
 * Deprovisioning ends every open session at once (the session version moves on) and every API call
 * with the user's tokens is refused with "permission denied"; the tokens are kept, and work again
 * after reprovisioning.
 */
export async function setUserProvisioning(actor: UserActor, userId: string, provisioned: boolean): Promise<void> {
  await transaction(async (tx) => provisionInTx(tx, actor, await tenantUser(tx, actor, userId), provisioned));
  await forgetCachedTokensOfUser(userId);
}

/**
 * Deprovisioning or reprovisioning inside the caller's transaction (a provisioning client changes more
 * of the user at once, all or nothing); the caller drops the user's cached tokens once it has committed.
 */
export async function provisionInTx(tx: Tx, actor: Actor, user: UserRow, provisioned: boolean): Promise<void> {
  if (provisioned === (user.deprovisionedAt === null)) return;
  if (!provisioned) await refuseRemovingLastAdmin(tx, user);
  await tx.user.update({
    where: { id: user.id, tenantId: actor.tenantId },
    data: provisioned ? { deprovisionedAt: null } : { deprovisionedAt: new Date(), sessionVersion: { increment: 1 } },
  });
  await recordAuditEvent(
    { tenantId: actor.tenantId, ...auditActor(actor), action: provisioned ? "user.reprovisioned" : "user.deprovisioned", targetType: "USER", targetId: user.id, details: { email: user.email, ...viaOf(actor) } },
    tx,
  );
  if (!provisioned) {
    await enqueueWebhookEvent(tx, { tenantId: actor.tenantId, type: "user.deprovisioned", data: { user: { id: user.id, email: user.email, name: user.name }, deprovisionedBy: actor.label } });
  }
}

/** Sets a new password (generated unless given) and ends the user's open sessions. */
export async function resetUserPassword(actor: UserActor, userId: string, password?: string): Promise<{ name: string; password: string | null }> {
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  return transaction(async (tx) => {
    const user = await tenantUser(tx, actor, userId);
    await tx.user.update({ where: { id: user.id, tenantId: actor.tenantId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, action: "user.passwordReset", targetType: "USER", targetId: user.id, details: { email: user.email } }, tx);
    return { name: user.name, email: user.email, password: generated };
  }).then(async ({ name, email, password: shown }) => {
    // A fresh password is a fresh start: failed sign-ins counted against the old one no longer lock the email.
    await clearFailures(email);
    return { name, password: shown };
  });
}

/**
 * Lifts the sign-in lock of a user of the actor's tenant (too many failed sign-ins for their email), in
 * the audit trail. Answers whether there was a lock to lift.
 */
export async function unlockUserSignIn(actor: UserActor, userId: string): Promise<{ name: string; wasLocked: boolean }> {
  const user = await db.user.findFirst({ where: { id: userId, tenantId: actor.tenantId } });
  if (!user) throw new AppError("not_found", NO_SUCH_USER);
  const wasLocked = await unlockEmail(user.email);
  await recordAuditEvent(
    { tenantId: actor.tenantId, actorUserId: actor.userId, action: "user.signInUnlocked", targetType: "USER", targetId: user.id, details: { email: user.email, wasLocked } },
    db,
  );
  return { name: user.name, wasLocked };
}

/**
 * A user changes their own password; every session, this one included, ends. The current password is
 * checked under the sign-in throttle (the same count per email and client IP), so a session left open
 * is no way to guess it.
 */
export async function changeOwnPassword(
  actor: UserActor,
  input: { currentPassword: string; newPassword: string },
  context: { clientIp?: string | null } = {},
): Promise<void> {
  const row = await db.user.findFirst({ where: { id: actor.userId, tenantId: actor.tenantId } });
  if (!row) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  const subject = { email: row.email, clientIp: context.clientIp ?? null };
  let attempt;
  try {
    attempt = await beginAttempt(subject, PASSWORD_CHECK_THROTTLED);
  } catch (error) {
    if (isAppError(error)) throw new AppError(error.code, error.message, { headers: error.headers, details: { currentPassword: [error.message] } });
    throw error;
  }
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    const { emailLocked } = await attempt.failed();
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "user.passwordCheckFailed", targetType: "USER", targetId: row.id, details: { clientIp: subject.clientIp, ...(emailLocked ? { lockedMinutes: 15 } : {}) } },
      db,
    );
    throw new AppError("invalid_request", CURRENT_PASSWORD_WRONG, { details: { currentPassword: [CURRENT_PASSWORD_WRONG] } });
  }
  await attempt.succeeded();
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: row.id, tenantId: actor.tenantId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, action: "user.passwordChanged", targetType: "USER", targetId: row.id, details: {} }, tx);
  });
}
