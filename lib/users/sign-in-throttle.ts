// The sign-in throttle. Failed password checks (at sign-in, and the current-password check of "My
// account") are counted in the database per email and per client IP, so the count holds across every
// instance of a deployment. Ten failures for one email within 15 minutes lock that email for 15
// minutes, even for the right password, whether or not an account has that email (the answer must not
// tell). A client IP gets a limit of its own across all the emails it tries. While a key is locked no
// password is checked at all, so a flood of attempts costs no hashing. Every function takes `now`, so
// tests move the clock instead of waiting.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { SIGN_IN_THROTTLED } from "@/lib/users/sign-in-messages";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LOCK_MS = 15 * 60_000;
/** Failed checks for one email within the window that lock it. */
export const EMAIL_FAILURE_LIMIT = 10;
/** Failed checks from one client IP within the window that lock it, whatever emails they named. */
export const DEFAULT_IP_FAILURE_LIMIT = 30;

/** Who is guessing: the email the attempt names and the client IP it comes from (null when unknown). */
export type ThrottleSubject = { email: string; clientIp: string | null };

type ThrottleKey = { key: string; limit: number };

/** KEYPORT_SIGN_IN_IP_LIMIT: failed sign-ins per client IP within 15 minutes (default 30). */
export function ipFailureLimit(value = process.env.KEYPORT_SIGN_IN_IP_LIMIT): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : DEFAULT_IP_FAILURE_LIMIT;
}

export function emailThrottleKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function ipThrottleKey(clientIp: string): string {
  return `ip:${clientIp}`;
}

function keysOf(subject: ThrottleSubject): ThrottleKey[] {
  const keys = [{ key: emailThrottleKey(subject.email), limit: EMAIL_FAILURE_LIMIT }];
  if (subject.clientIp) keys.push({ key: ipThrottleKey(subject.clientIp), limit: ipFailureLimit() });
  return keys;
}

/** Refuses (429 `rate_limited`, with Retry-After) while the email or the client IP is locked. */
export async function refuseIfThrottled(subject: ThrottleSubject, now = new Date(), message = SIGN_IN_THROTTLED): Promise<void> {
  const locked = await db.signInThrottle.findMany({ where: { key: { in: keysOf(subject).map((entry) => entry.key) }, lockedUntil: { gt: now } } });
  if (locked.length === 0) return;
  const until = Math.max(...locked.map((row) => row.lockedUntil!.getTime()));
  throw new AppError("rate_limited", message, { headers: { "Retry-After": String(Math.ceil((until - now.getTime()) / 1000)) } });
}

/** Counts one failed check against the email and the client IP; answers which of them it locked. */
export async function recordFailure(subject: ThrottleSubject, now = new Date()): Promise<{ emailLocked: boolean; ipLocked: boolean }> {
  const result = { emailLocked: false, ipLocked: false };
  for (const { key, limit } of keysOf(subject)) {
    if (await countFailure(key, limit, now)) {
      if (key.startsWith("email:")) result.emailLocked = true;
      else result.ipLocked = true;
    }
  }
  // Rows nobody has touched for a day hold nothing any more.
  await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } });
  return result;
}

/** A successful check forgets the email's failures (the client IP's count stays: one good account must not launder it). */
export async function clearFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: emailThrottleKey(email) } });
}

/** Adds one failure to a key; true when this failure locked it. Each step is one atomic statement, so instances can count at once. */
async function countFailure(key: string, limit: number, now: Date): Promise<boolean> {
  // A window that began too long ago (and is not locked) starts over with this failure.
  await db.signInThrottle.updateMany({
    where: { key, windowStartedAt: { lte: new Date(now.getTime() - THROTTLE_WINDOW_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failures: 0, windowStartedAt: now, lockedUntil: null },
  });
  const row = await incrementOrCreate(key, now);
  if (row.failures < limit || (row.lockedUntil && row.lockedUntil > now)) return false;
  const updated = await db.signInThrottle.updateMany({
    where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + THROTTLE_LOCK_MS) },
  });
  return updated.count > 0;
}

async function incrementOrCreate(key: string, now: Date) {
  const upsert = () =>
    db.signInThrottle.upsert({ where: { key }, create: { key, failures: 1, windowStartedAt: now, lastFailureAt: now }, update: { failures: { increment: 1 }, lastFailureAt: now } });
  try {
    return await upsert();
  } catch (error) {
    // Another instance created the row between this one's look and its insert: now it exists.
    if ((error as { code?: unknown } | null)?.code === "P2002") return upsert();
    throw error;
  }
}
