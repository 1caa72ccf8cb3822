// The sign-in throttle. Password checks (at sign-in, and the current-password check of "My account")
// are counted in the database per email and per client IP, so the count holds across every instance of
// a deployment. Ten failures for one email within 15 minutes lock that email for 15 minutes, even for
// the right password, whether or not an account has that email (the answer must not tell). A client IP
// gets a limit of its own across all the emails it tries. A browser in which the person signed in
// before (a remembered device) is counted on a key of its own, with a smaller limit, instead of the
// email: failures made elsewhere do not lock its owner out of it.
//
// Count first, then check: every attempt first adds one to its keys in one atomic statement that
// answers the new count, and only an attempt whose place in that count is within the limit has its
// password checked. Simultaneous attempts therefore cannot all read "nine so far" and all go ahead: of
// any number of them, at most the limit are checked. A right password gives its point back (the email's
// count is cleared, the IP's point returned); a wrong one keeps it. While a key is over its limit or
// locked no password is checked at all, so a flood of attempts costs no hashing. Every function takes
// `now`, so tests move the clock instead of waiting.
import { db } from "@/lib/db/client";
import { addSignInAttempts, clearSignInKey, lockSignInKey, removeSignInAttempt } from "@/lib/db/sign-in-counter";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LOCK_MS = 15 * 60_000;
/** Failed checks for one email within the window that lock it. */
export const EMAIL_FAILURE_LIMIT = 10;
/** Failed checks through one remembered device within the window that lock the device (not the email). */
export const DEVICE_FAILURE_LIMIT = 5;
/**
 * Who is guessing: the email the attempt names, the client IP it comes from (null when unknown), and
 * the remembered device it comes through, when it carries a valid one for the account being checked.
 */
export type ThrottleSubject = { email: string; clientIp: string | null; deviceId?: string | null };

type KeyKind = "email" | "device" | "ip";
type ThrottleKey = { kind: KeyKind; key: string; limit: number };

/** Failed checks from one client IP within the window that lock it, whatever emails they named (KEYPORT_SIGN_IN_IP_LIMIT). */
export function ipFailureLimit(): number {
  return config.signInIpLimit;
}

export function emailThrottleKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function ipThrottleKey(clientIp: string): string {
  return `ip:${clientIp}`;
}

export function deviceThrottleKey(deviceId: string): string {
  return `device:${deviceId}`;
}

function keysOf(subject: ThrottleSubject): ThrottleKey[] {
  const keys: ThrottleKey[] = subject.deviceId
    ? [{ kind: "device", key: deviceThrottleKey(subject.deviceId), limit: DEVICE_FAILURE_LIMIT }]
    : [{ kind: "email", key: emailThrottleKey(subject.email), limit: EMAIL_FAILURE_LIMIT }];
  if (subject.clientIp) keys.push({ kind: "ip", key: ipThrottleKey(subject.clientIp), limit: ipFailureLimit() });
  return keys;
}

export type FailureOutcome = { emailLocked: boolean; deviceLocked: boolean; ipLocked: boolean };

/** One counted attempt whose password may be checked: tell it how the check went. */
export type Attempt = {
  /** The password was right: the email's (or device's) failures are forgotten, the client IP gets its point back. */
  succeeded(): Promise<void>;
  /** The password was wrong: the attempt stays counted; answers which keys this failure locked. */
  failed(): Promise<FailureOutcome>;
};

type Counted = ThrottleKey & { place: number; lockedUntil: Date | null; windowEndsAt: Date };

/**
 * Counts one attempt against the email (or the remembered device) and the client IP, and refuses it
 * (429 `rate_limited`, with Retry-After, carrying `message`) when its place in either count is past the
 * limit or the key is locked. Only an attempt this lets through may have its password checked.
 */
export async function beginAttempt(subject: ThrottleSubject, now: Date, message: string): Promise<Attempt> {
  // The email (or device) first: a flood of attempts for one email is refused there, without counting
  // anything else. Only an attempt it lets through is counted against the client IP too.
  const counted: Counted[] = [];
  for (const key of keysOf(subject)) {
    const entry = await countAttempt(key, now);
    if (isRefusing(entry, now)) {
      // A refused attempt checks no password: the keys that let it through get their point back.
      for (const earlier of counted) await giveBack(earlier.key);
      const until = entry.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : entry.windowEndsAt;
      throw new AppError("rate_limited", message, { headers: { "Retry-After": String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))) } });
    }
    counted.push(entry);
  }
  return {
    async succeeded() {
      for (const entry of counted) {
        if (entry.kind === "ip") await giveBack(entry.key);
        else await clearSignInKey(entry.key);
      }
      // Through a remembered device the email was not counted; its failures are forgotten too, but a lock
      // an attacker set on it runs its course (or an admin lifts it): it keeps guessers elsewhere out.
      if (subject.deviceId) await db.signInThrottle.deleteMany({ where: { key: emailThrottleKey(subject.email), ...notLocked(now) } });
    },
    async failed() {
      const outcome: FailureOutcome = { emailLocked: false, deviceLocked: false, ipLocked: false };
      for (const entry of counted) {
        if (entry.place < entry.limit) continue;
        // This failure was the limit's last: the key is locked for the lock's length from now.
        if (await lockSignInKey(entry.key, now, new Date(now.getTime() + THROTTLE_LOCK_MS))) outcome[`${entry.kind}Locked`] = true;
      }
      // Rows nobody has touched for a day hold nothing any more.
      await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) }, ...notLocked(now) } });
      return outcome;
    },
  };
}

/** A successful check elsewhere (an admin's password reset) forgets the email's failures and lifts its lock. */
export async function clearFailures(email: string): Promise<void> {
  await clearSignInKey(emailThrottleKey(email));
}

/** Lifts an email's lock (an admin's unlock); answers whether it was locked. */
export async function unlockEmail(email: string, now = new Date()): Promise<boolean> {
  const wasLocked = (await lockedEmails([email], now)).size > 0;
  await clearFailures(email);
  return wasLocked;
}

/** Until when each of these emails is refused sign-in (only the locked ones are in the map). */
export async function lockedEmails(emails: string[], now = new Date()): Promise<Map<string, Date>> {
  const keys = emails.map(emailThrottleKey);
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys }, OR: [{ lockedUntil: { gt: now } }, { failures: { gte: EMAIL_FAILURE_LIMIT } }] } });
  const locked = new Map<string, Date>();
  for (const row of rows) {
    const windowEndsAt = new Date(row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS);
    const until = row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : windowEndsAt > now ? windowEndsAt : null;
    if (until) locked.set(row.key.slice("email:".length), until);
  }
  return locked;
}

function isRefusing(entry: Counted, now: Date): boolean {
  return (entry.lockedUntil !== null && entry.lockedUntil > now) || entry.place > entry.limit;
}

function notLocked(now: Date) {
  return { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
}

type Place = { place: number; lockedUntil: Date | null; windowEndsAt: Date };
type Waiting = { now: Date; resolve: (place: Place) => void; reject: (error: unknown) => void };

/**
 * Per key with a count on its way (or about to leave): the attempts that go with the next one.
 * Simultaneous attempts for one email in this process share one round trip: a flood of them costs a
 * few statements, not a queue of them all waiting for the database's lock on one row.
 */
const queued = new Map<string, Waiting[]>();

/**
 * Adds one attempt to a key and answers the attempt's place in the count. The increment is one atomic
 * statement returning the new count, so instances counting at once each get places of their own; the
 * attempts of one batch take the places of its increment in arrival order.
 */
async function countAttempt(entry: ThrottleKey, now: Date): Promise<Counted> {
  const place = await new Promise<Place>((resolve, reject) => {
    const waiting = queued.get(entry.key);
    if (waiting) {
      waiting.push({ now, resolve, reject });
      return;
    }
    // The first attempt of a quiet key leaves at the end of this turn of the event loop, with the
    // attempts for the key that other requests reach in the same turn.
    queued.set(entry.key, [{ now, resolve, reject }]);
    setImmediate(() => {
      const batch = queued.get(entry.key) ?? [];
      queued.set(entry.key, []);
      void send(entry.key, batch);
    });
  });
  return { ...entry, ...place };
}

async function send(key: string, batch: Waiting[]): Promise<void> {
  const now = batch[0].now;
  try {
    const row = await addSignInAttempts(key, batch.length, now, THROTTLE_WINDOW_MS);
    const windowEndsAt = new Date(row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS);
    let place = row.failures - batch.length;
    for (const waiting of batch) waiting.resolve({ place: ++place, lockedUntil: row.lockedUntil, windowEndsAt });
  } catch (error) {
    for (const waiting of batch) waiting.reject(error);
  }
  const next = queued.get(key) ?? [];
  if (next.length === 0) {
    queued.delete(key);
    return;
  }
  queued.set(key, []);
  void send(key, next);
}

async function giveBack(key: string): Promise<void> {
  await removeSignInAttempt(key);
}
