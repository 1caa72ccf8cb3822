// The sign-in throttle on a real database file, with the clock moved by the test instead of waited
// for (the limiters read the system clock, so each call sets it first): ten failures lock an email for fifteen minutes even for the right password, unknown emails the
// same, a success clears the count, a client IP has a limit of its own, and the current-password
// check of "My account" counts against the same limits.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { authenticateUser as authenticateNow, type SignInContext } from "@/lib/users/authenticate-user";
import { createUser } from "@/lib/users/create-user";
import { changeOwnPassword as changeOwnPasswordNow, listTenantUsers, resetUserPassword, unlockUserSignIn } from "@/lib/users/manage-users";
import { issueDeviceCookie, readDeviceCookie } from "@/lib/users/remembered-device";
import { DEVICE_FAILURE_LIMIT, EMAIL_FAILURE_LIMIT, THROTTLE_LOCK_MS, THROTTLE_WINDOW_MS, ipFailureLimit } from "@/lib/rate-limit/sign-in-throttle";
import { PASSWORD_CHECK_THROTTLED, SIGN_IN_REFUSED, SIGN_IN_THROTTLED } from "@/lib/users/sign-in-messages";

const PASSWORD = "right-password-1";

// Only Date is faked: timers, and with them the database's queues, run as ever.
beforeAll(() => vi.useFakeTimers({ toFake: ["Date"] }));
afterAll(() => vi.useRealTimers());

/** Sign-in as at `now` (default: the clock as the last call left it). */
function authenticateUser(email: string, password: string, context: SignInContext & { now?: Date }) {
  if (context.now) vi.setSystemTime(context.now);
  return authenticateNow(email, password, context);
}

function changeOwnPassword(actor: UserActor, input: { currentPassword: string; newPassword: string }, context: { clientIp?: string | null; now: Date }) {
  vi.setSystemTime(context.now);
  return changeOwnPasswordNow(actor, input, context);
}
const MINUTE = 60_000;

async function freshUser() {
  const tenant = await createTenant({ slug: `th-${randomBytes(4).toString("hex")}`, name: "Throttle" });
  const user = await createUser({ tenantId: tenant.id, email: `person@${tenant.slug}.test`, name: "Person", role: "GLOBAL_ADMIN", password: PASSWORD });
  const actor: UserActor = { tenantId: tenant.id, userId: user.id, label: user.email, role: "GLOBAL_ADMIN" };
  return { tenant, user, actor };
}

/** A client IP no other test uses, so the per-IP count starts at zero. */
function freshIp(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

async function outcome(promise: Promise<unknown>): Promise<AppError | "signed in"> {
  return promise.then(
    () => "signed in" as const,
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

async function failTimes(email: string, times: number, context: { clientIp?: string | null; now: Date }) {
  for (let attempt = 0; attempt < times; attempt++) {
    const result = await outcome(authenticateUser(email, `wrong-${attempt}`, context));
    expect(result, `attempt ${attempt + 1}`).toMatchObject({ code: "unauthorized", message: SIGN_IN_REFUSED });
  }
}

// Each attempt checks a real bcrypt hash (~0.1–0.3 s on a busy 2-core machine): these tests take a while.
describe("the sign-in throttle", { timeout: 120_000 }, () => {
  it("locks an email for 15 minutes after 10 failures within 15 minutes, even for the right password", async () => {
    const { user } = await freshUser();
    const start = new Date("2030-01-01T10:00:00Z");
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { now: start });

    const locked = await outcome(authenticateUser(user.email, PASSWORD, { now: new Date(start.getTime() + MINUTE) }));
    expect(locked).toMatchObject({ code: "rate_limited", message: SIGN_IN_THROTTLED });
    expect((locked as AppError).message).toContain("Too many failed sign-ins");
    expect(Number((locked as AppError).headers["Retry-After"])).toBe((THROTTLE_LOCK_MS - MINUTE) / 1000);

    const stillLocked = await outcome(authenticateUser(user.email, PASSWORD, { now: new Date(start.getTime() + THROTTLE_LOCK_MS - 1000) }));
    expect(stillLocked).toMatchObject({ code: "rate_limited" });
    await expect(authenticateUser(user.email, PASSWORD, { now: new Date(start.getTime() + THROTTLE_LOCK_MS + 1000) })).resolves.toMatchObject({ id: user.id });
  });

  it("throttles an email with no account the same way", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@nowhere.test`;
    const now = new Date("2030-01-02T10:00:00Z");
    await failTimes(email, EMAIL_FAILURE_LIMIT, { now });
    expect(await outcome(authenticateUser(email, "anything", { now }))).toMatchObject({ code: "rate_limited", message: SIGN_IN_THROTTLED });
  });

  it("counts only failures within 15 minutes of each other, and a success clears the count", async () => {
    const { user } = await freshUser();
    const start = new Date("2030-01-03T10:00:00Z");
    await failTimes(user.email, EMAIL_FAILURE_LIMIT - 1, { now: start });
    // The window that began with the first failure is over: counting starts again.
    const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 1000);
    await failTimes(user.email, EMAIL_FAILURE_LIMIT - 1, { now: later });
    await expect(authenticateUser(user.email, PASSWORD, { now: later })).resolves.toMatchObject({ id: user.id });
    // The success forgot the nine failures: nine more do not lock either.
    await failTimes(user.email, EMAIL_FAILURE_LIMIT - 1, { now: later });
    await expect(authenticateUser(user.email, PASSWORD, { now: later })).resolves.toMatchObject({ id: user.id });
  });

  it("the email is matched however it is written", async () => {
    const { user } = await freshUser();
    const now = new Date("2030-01-04T10:00:00Z");
    for (let attempt = 0; attempt < EMAIL_FAILURE_LIMIT; attempt++) {
      await outcome(authenticateUser(attempt % 2 ? user.email.toUpperCase() : ` ${user.email} `, "wrong", { now }));
    }
    expect(await outcome(authenticateUser(user.email, PASSWORD, { now }))).toMatchObject({ code: "rate_limited" });
  });

  it("a client IP that fails across many emails is locked out on its own, other IPs are not", async () => {
    const { user } = await freshUser();
    const ip = freshIp();
    const now = new Date("2030-01-05T10:00:00Z");
    const limit = ipFailureLimit();
    expect(limit).toBeGreaterThan(EMAIL_FAILURE_LIMIT);
    for (let attempt = 0; attempt < limit; attempt++) {
      await outcome(authenticateUser(`spray-${attempt}-${randomBytes(3).toString("hex")}@nowhere.test`, "guess", { clientIp: ip, now }));
    }
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: ip, now }))).toMatchObject({ code: "rate_limited", message: SIGN_IN_THROTTLED });
    await expect(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), now })).resolves.toMatchObject({ id: user.id });
    // A success does not launder the IP's count.
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: ip, now }))).toMatchObject({ code: "rate_limited" });
    await expect(authenticateUser(user.email, PASSWORD, { clientIp: ip, now: new Date(now.getTime() + THROTTLE_LOCK_MS + 1000) })).resolves.toMatchObject({ id: user.id });
  });

  it("audits each failed sign-in in the tenant of the account, and the lock when it engages", async () => {
    const { tenant, user } = await freshUser();
    const ip = freshIp();
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { clientIp: ip, now: new Date("2030-01-06T10:00:00Z") });
    const failed = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "user.signInFailed" } });
    expect(failed).toHaveLength(EMAIL_FAILURE_LIMIT);
    expect(failed[0]).toMatchObject({ targetId: user.id, actorUserId: null });
    expect(JSON.parse(failed[0].details)).toMatchObject({ email: user.email, clientIp: ip });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.signInLocked" } })).toBe(1);
    // Kept in the database, not in the process: the lock outlives a restart.
    expect(await db.durableLimitCounter.findUnique({ where: { key: `sign-in-email:${user.email}` } })).toMatchObject({ points: EMAIL_FAILURE_LIMIT + 1 });
  });

  it("a password reset by an admin lifts the lock on the email", async () => {
    const { user, actor, tenant } = await freshUser();
    const other = await createUser({ tenantId: tenant.id, email: `other@${tenant.slug}.test`, name: "Other", role: "SECURITY_READER", password: PASSWORD });
    const now = new Date();
    await failTimes(other.email, EMAIL_FAILURE_LIMIT, { now });
    const { password } = await resetUserPassword(actor, other.id);
    await expect(authenticateUser(other.email, password!, { now })).resolves.toMatchObject({ id: other.id });
    expect(user.id).not.toBe(other.id);
  });
});

describe("simultaneous attempts", { timeout: 120_000 }, () => {
  it("of 60 simultaneous wrong passwords for one email, from 60 client IPs, at most 10 are checked", async () => {
    const { user, tenant } = await freshUser();
    const now = new Date();
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, index) => outcome(authenticateUser(user.email, `wrong-${index}`, { clientIp: freshIp(), now }))));
    const checked = outcomes.filter((result) => result !== "signed in" && result.code === "unauthorized");
    const refused = outcomes.filter((result) => result !== "signed in" && result.code === "rate_limited");
    expect(checked.length).toBeLessThanOrEqual(EMAIL_FAILURE_LIMIT);
    expect(checked.length + refused.length).toBe(60);
    // Each checked password is a failure in the audit log: the log agrees with the answers.
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.signInFailed" } })).toBe(checked.length);
    expect(await outcome(authenticateUser(user.email, PASSWORD, { now }))).toMatchObject({ code: "rate_limited" });
  });

  it("the right password among simultaneous wrong ones still signs in while within the limit", async () => {
    const { user } = await freshUser();
    const now = new Date();
    const attempts = [...Array.from({ length: 5 }, (_, index) => authenticateUser(user.email, `wrong-${index}`, { clientIp: freshIp(), now })), authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), now })];
    const outcomes = await Promise.all(attempts.map(outcome));
    expect(outcomes.at(-1)).toBe("signed in");
    expect(outcomes.slice(0, 5).every((result) => result !== "signed in" && result.code === "unauthorized")).toBe(true);
  });

  it("refused attempts check no password and do not count against the client IP", async () => {
    const { user } = await freshUser();
    const now = new Date();
    const ip = freshIp();
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { clientIp: ip, now });
    for (let attempt = 0; attempt < ipFailureLimit(); attempt++) {
      expect(await outcome(authenticateUser(user.email, "wrong", { clientIp: ip, now }))).toMatchObject({ code: "rate_limited" });
    }
    // The IP holds its ten real failures only: another email from it is still checked.
    const other = await freshUser();
    await expect(authenticateUser(other.user.email, PASSWORD, { clientIp: ip, now })).resolves.toMatchObject({ id: other.user.id });
  });
});

describe("a remembered device", { timeout: 120_000 }, () => {
  const SECRET = "unit-test-secret";

  it("signs its user in while failures elsewhere lock the email; a fresh browser stays locked out", async () => {
    const { user } = await freshUser();
    const now = new Date();
    const device = readDeviceCookie(issueDeviceCookie(user.id, user.sessionVersion, SECRET, now), [SECRET], now)!;
    expect(device).toMatchObject({ userId: user.id });
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { clientIp: freshIp(), now });
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), now }))).toMatchObject({ code: "rate_limited", message: SIGN_IN_THROTTLED });
    await expect(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), device, now })).resolves.toMatchObject({ id: user.id });
    // The device's success does not lift the lock the failures set for everyone else.
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), now }))).toMatchObject({ code: "rate_limited" });
  });

  it("has a smaller limit of its own: a thief of the cookie gets five guesses, then the device is locked too", async () => {
    const { user } = await freshUser();
    const now = new Date();
    const device = readDeviceCookie(issueDeviceCookie(user.id, user.sessionVersion, SECRET, now), [SECRET], now)!;
    for (let attempt = 0; attempt < DEVICE_FAILURE_LIMIT; attempt++) {
      expect(await outcome(authenticateUser(user.email, `wrong-${attempt}`, { clientIp: freshIp(), device, now }))).toMatchObject({ code: "unauthorized" });
    }
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), device, now }))).toMatchObject({ code: "rate_limited" });
    // The email was not counted: another browser still signs in.
    await expect(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), now })).resolves.toMatchObject({ id: user.id });
  });

  it("of another user, or forged, does not help", async () => {
    const { user } = await freshUser();
    const someoneElse = await freshUser();
    const now = new Date();
    const othersDevice = readDeviceCookie(issueDeviceCookie(someoneElse.user.id, someoneElse.user.sessionVersion, SECRET, now), [SECRET], now)!;
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { clientIp: freshIp(), now });
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), device: othersDevice, now }))).toMatchObject({ code: "rate_limited" });

    const genuine = issueDeviceCookie(user.id, user.sessionVersion, SECRET, now);
    const [version, , deviceId, sessionVersion, issuedAt, mac] = genuine.split(".");
    expect(readDeviceCookie([version, someoneElse.user.id, deviceId, sessionVersion, issuedAt, mac].join("."), [SECRET], now)).toBeNull();
    expect(readDeviceCookie([version, user.id, deviceId, String(Number(sessionVersion) + 1), issuedAt, mac].join("."), [SECRET], now)).toBeNull();
    expect(readDeviceCookie(genuine, ["another-secret"], now)).toBeNull();
    expect(readDeviceCookie(genuine.slice(0, -2) + "AA", [SECRET], now)).toBeNull();
    expect(readDeviceCookie(genuine, [SECRET], new Date(now.getTime() + 401 * 24 * 60 * MINUTE))).toBeNull();
    for (const junk of ["", "v2", "v2.....", "x".repeat(500), `v2.${user.id}.short.0.1.sig`, [version, user.id, deviceId, issuedAt, mac].join(".")]) expect(readDeviceCookie(junk, [SECRET], now)).toBeNull();
  });
  it("is forgotten when the account's sessions are ended: after a password reset a cookie taken before counts as no device", async () => {
    const { user, actor } = await freshUser();
    const now = new Date();
    const stolen = readDeviceCookie(issueDeviceCookie(user.id, user.sessionVersion, SECRET, now), [SECRET], now)!;
    await resetUserPassword(actor, user.id, PASSWORD);
    await failTimes(user.email, EMAIL_FAILURE_LIMIT, { clientIp: freshIp(), now });
    // The email is locked, and the old cookie no longer opens the device's own limit.
    expect(await outcome(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), device: stolen, now }))).toMatchObject({ code: "rate_limited" });
    // A cookie issued at the new session version still does.
    const reset = await db.user.findFirstOrThrow({ where: { id: user.id, tenantId: user.tenantId } });
    const fresh = readDeviceCookie(issueDeviceCookie(user.id, reset.sessionVersion, SECRET, now), [SECRET], now)!;
    await expect(authenticateUser(user.email, PASSWORD, { clientIp: freshIp(), device: fresh, now })).resolves.toMatchObject({ id: user.id });
  });
});

describe("an admin's unlock", { timeout: 120_000 }, () => {
  it("shows the lock on the Users list, lifts it, and both are in the audit log; another tenant's user is not found", async () => {
    const { user, actor, tenant } = await freshUser();
    const locked = await createUser({ tenantId: tenant.id, email: `locked@${tenant.slug}.test`, name: "Locked Person", role: "SECURITY_READER", password: PASSWORD });
    await failTimes(locked.email, EMAIL_FAILURE_LIMIT, { clientIp: freshIp(), now: new Date() });
    const rows = await listTenantUsers(tenant.id);
    expect(rows.find((row) => row.id === locked.id)?.signInLockedUntil).not.toBeNull();
    expect(rows.find((row) => row.id === user.id)?.signInLockedUntil).toBeNull();

    const stranger = await freshUser();
    expect(await outcome(unlockUserSignIn(stranger.actor, locked.id))).toMatchObject({ code: "not_found" });
    expect(await outcome(authenticateUser(locked.email, PASSWORD, {}))).toMatchObject({ code: "rate_limited" });

    await expect(unlockUserSignIn(actor, locked.id)).resolves.toEqual({ name: "Locked Person", wasLocked: true });
    await expect(authenticateUser(locked.email, PASSWORD, {})).resolves.toMatchObject({ id: locked.id });
    expect((await listTenantUsers(tenant.id)).find((row) => row.id === locked.id)?.signInLockedUntil).toBeNull();
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.signInLocked", targetId: locked.id } })).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { tenantId: tenant.id, action: "user.signInUnlocked", targetId: locked.id } })).toMatchObject({ actorUserId: user.id });
  });
});

describe("the current-password check of My account", { timeout: 120_000 }, () => {
  it("counts failures like sign-in: after 10, even the right current password is refused, and sign-in is locked too", async () => {
    const { user, actor } = await freshUser();
    const ip = freshIp();
    const now = new Date();
    for (let attempt = 0; attempt < EMAIL_FAILURE_LIMIT; attempt++) {
      const wrong = await outcome(changeOwnPassword(actor, { currentPassword: `wrong-${attempt}`, newPassword: "a-new-password-1" }, { clientIp: ip, now }));
      expect(wrong).toMatchObject({ code: "invalid_request", details: { currentPassword: ["The current password is not right."] } });
    }
    const locked = await outcome(changeOwnPassword(actor, { currentPassword: PASSWORD, newPassword: "a-new-password-1" }, { clientIp: ip, now }));
    expect(locked).toMatchObject({ code: "rate_limited", message: PASSWORD_CHECK_THROTTLED, details: { currentPassword: [PASSWORD_CHECK_THROTTLED] } });
    expect(await outcome(authenticateUser(user.email, PASSWORD, { now }))).toMatchObject({ code: "rate_limited" });
    expect(await db.auditEvent.count({ where: { tenantId: actor.tenantId, action: "user.passwordCheckFailed" } })).toBe(EMAIL_FAILURE_LIMIT);

    const afterLock = new Date(now.getTime() + THROTTLE_LOCK_MS + 1000);
    await changeOwnPassword(actor, { currentPassword: PASSWORD, newPassword: "a-new-password-1" }, { clientIp: ip, now: afterLock });
    await expect(authenticateUser(user.email, "a-new-password-1", { now: afterLock })).resolves.toMatchObject({ id: user.id });
  });
});
