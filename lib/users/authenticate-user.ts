// Sign-in: an email and a password become a user, or one refusal that says nothing about why.
import { crossTenantDb, db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/users/passwords";
import { beginAttempt } from "@/lib/rate-limit/sign-in-throttle";
import type { RememberedDevice } from "@/lib/users/remembered-device";
import { AppError } from "@/lib/errors";
import { SIGN_IN_AMBIGUOUS, SIGN_IN_REFUSED, SIGN_IN_SSO_REQUIRED, SIGN_IN_THROTTLED } from "@/lib/users/sign-in-messages";

export type SignInIdentity = { id: string; tenantId: string; role: string; sessionVersion: number; name: string; email: string };


/**
 * Accounts one sign-in on the generic portal URL checks the password against, at most. An email is
 * unique within a tenant, so the same address may have an account in a few tenants; past this many,
 * its owner signs in at the tenant URL.
 */
const MAX_ACCOUNTS_PER_EMAIL = 5;

export type SignInContext = {
  /** The client IP decided by the HTTP front; null when unknown (then only the email is throttled). */
  clientIp?: string | null;
  /** On a tenant URL, the tenant's slug: only that tenant's account is considered. */
  tenantSlug?: string | null;
  /** The remembered device the browser presented (its cookie already checked), if any. */
  device?: RememberedDevice | null;
};

/**
 * The user for an email and password. Throws one "unauthorized" AppError that says nothing about why
 * (an unknown email, a wrong password and a deprovisioned account look the same, and take as long),
 * "rate_limited" while the email or the client IP is locked by the sign-in throttle, and "conflict"
 * when the password opens accounts of several tenants on the generic URL.
 */
export async function authenticateUser(email: string, password: string, context: SignInContext = {}): Promise<SignInIdentity> {
  const address = email.trim().toLowerCase();
  // Cross-tenant by design: on the generic URL sign-in starts from the email alone, and the row names the tenant.
  const findAccounts = () =>
    crossTenantDb.user.findMany({
      where: { email: address, ...(context.tenantSlug ? { tenant: { slug: context.tenantSlug } } : {}) },
      orderBy: { createdAt: "asc" },
      take: MAX_ACCOUNTS_PER_EMAIL,
    });

  // A remembered device counts only for the account it was issued to: then the password is checked against
  // that account alone, on the device's own limit. Without one, the attempt is counted before anything is read.
  let accounts = context.device ? await findAccounts() : null;
  // A device remembered before the account's sessions were last ended (a password reset) is no longer one.
  const deviceAccount = context.device ? accounts!.find((account) => account.id === context.device!.userId && account.sessionVersion === context.device!.sessionVersion) : undefined;
  const subject = { email: address, clientIp: context.clientIp ?? null, deviceId: deviceAccount ? context.device!.deviceId : null };
  const attempt = await beginAttempt(subject, SIGN_IN_THROTTLED);
  if (deviceAccount) accounts = [deviceAccount];
  accounts ??= await findAccounts();

  // With no account the password is still checked, against a decoy, so the answer takes as long.
  const checks = accounts.length ? await Promise.all(accounts.map((account) => verifyPassword(password, account.passwordHash))) : [await verifyPassword(password, null)];
  const opened = accounts.filter((account, index) => checks[index] && !account.deprovisionedAt);

  if (opened.length === 1) {
    const [user] = opened;
    await attempt.succeeded();
    await holdToRequiredSso(user, subject.clientIp);
    return { id: user.id, tenantId: user.tenantId, role: user.role, sessionVersion: user.sessionVersion, name: user.name, email: user.email };
  }
  if (opened.length > 1) {
    await attempt.succeeded();
    throw new AppError("conflict", SIGN_IN_AMBIGUOUS);
  }

  const { emailLocked, deviceLocked, ipLocked } = await attempt.failed();
  // Each tenant that has an account with this email sees the failure in its audit log; an email with no
  // account belongs to no tenant, so only the server log hears of it (without the address, which is
  // often a password typed into the wrong field).
  for (const account of accounts) {
    const details = { email: address, clientIp: subject.clientIp, ...(deviceAccount ? { rememberedDevice: true } : {}) };
    await recordAuditEvent({ tenantId: account.tenantId, actorUserId: null, actorLabel: "sign-in", action: "user.signInFailed", targetType: "USER", targetId: account.id, details }, db);
    if (emailLocked || deviceLocked) {
      await recordAuditEvent(
        { tenantId: account.tenantId, actorUserId: null, actorLabel: "sign-in", action: "user.signInLocked", targetType: "USER", targetId: account.id, details: { ...details, minutes: 15 } },
        db,
      );
    }
  }
  if (accounts.length === 0) console.warn(`keyport: failed sign-in for an email with no account, from ${subject.clientIp ?? "an unknown client IP"}`);
  if (emailLocked) console.warn("keyport: an email reached the failed sign-in limit and is locked for 15 minutes");
  if (deviceLocked) console.warn("keyport: a remembered device reached its failed sign-in limit and is locked for 15 minutes");
  if (ipLocked) console.warn(`keyport: client IP ${subject.clientIp} reached the failed sign-in limit and is locked out of sign-in for 15 minutes`);
  throw new AppError("unauthorized", SIGN_IN_REFUSED);
}

/**
 * A tenant that requires single sign-on takes no password from its users, except its Global
 * administrators: the way in when the identity provider is down or misconfigured. Each such sign-in is
 * in the audit log (and listed on Settings › Single sign-on). Asked only once the password is right,
 * so the refusal tells nothing to someone guessing.
 */
async function holdToRequiredSso(user: { id: string; tenantId: string; role: string; email: string }, clientIp: string | null): Promise<void> {
  const sso = await db.singleSignOn.findFirst({ where: { tenantId: user.tenantId }, select: { requireSso: true } });
  if (!sso?.requireSso) return;
  if (user.role !== "GLOBAL_ADMIN") {
    await recordAuditEvent(
      { tenantId: user.tenantId, actorUserId: null, actorLabel: "sign-in", action: "user.signInFailed", targetType: "USER", targetId: user.id, details: { email: user.email, clientIp, reason: "Single sign-on is required: password sign-in refused." } },
      db,
    );
    throw new AppError("forbidden", SIGN_IN_SSO_REQUIRED);
  }
  await recordAuditEvent(
    { tenantId: user.tenantId, actorUserId: user.id, actorLabel: user.email, action: "user.breakGlassSignIn", targetType: "USER", targetId: user.id, details: { email: user.email, clientIp } },
    db,
  );
}
