// The sign-in throttle. Password checks (at sign-in, and the current-password check of "My account")
// are counted per email and per client IP by the deployment's rate limiters (lib/rate-limit/limiters.ts,
// durable: in PostgreSQL for every instance, in the database file on SQLite), so a lock holds across
// instances and restarts. Ten failures for one email within 15 minutes lock that email for 15 minutes,
// even for the right password, whether or not an account has that email (the answer must not tell). A
// client IP gets a limit of its own across all the emails it tries. A browser in which the person signed
// in before (a remembered device) is counted on a key of its own, with a smaller limit, instead of the
// email: failures made elsewhere do not lock its owner out of it.
//
// Count first, then check: every attempt first takes a point from its keys, and only an attempt whose
// place in the count is within the limit has its password checked (concurrent counts of a key get places
// of their own: lib/rate-limit/batched-counter.ts). Simultaneous attempts therefore cannot all read "nine
// so far" and all go ahead: of any number of them, at most the limit are checked. A right password gives
// its point back (the email's count is forgotten, the IP's point returned); a wrong one keeps it, and the
// failure that reaches the limit blocks the key for 15 minutes from then. A flood past the limit blocks it
// too (the limiter's blockDuration). While a key is refused no password is checked at all, so a flood of
// attempts costs no hashing.
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";
import { createLimiter, type Limiter } from "@/lib/rate-limit/limiters";

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
type ThrottleKey = { kind: KeyKind; key: string; limiter: Limiter; limit: number };

/** Failed checks from one client IP within the window that lock it, whatever emails they named (KEYPORT_SIGN_IN_IP_LIMIT). */
export function ipFailureLimit(): number {
  return config.signInIpLimit;
}

function throttleLimiter(kind: KeyKind, limit: number): Limiter {
  const window = THROTTLE_WINDOW_MS / 1000;
  return createLimiter({ keyPrefix: `sign-in-${kind}`, points: limit, duration: window, blockDuration: THROTTLE_LOCK_MS / 1000, durable: true });
}

const emailLimiter = () => throttleLimiter("email", EMAIL_FAILURE_LIMIT);

export function emailThrottleKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The keys the limiters store for an email or a client IP ("<keyPrefix>:<key>"): for tests that move the clock. */
export function storedThrottleKeys(subject: { email?: string; clientIp?: string }): string[] {
  return [subject.email ? `sign-in-email:${emailThrottleKey(subject.email)}` : null, subject.clientIp ? `sign-in-ip:${subject.clientIp}` : null].filter((key): key is string => key !== null);
}

function keysOf(subject: ThrottleSubject): ThrottleKey[] {
  const keys: ThrottleKey[] = subject.deviceId
    ? [{ kind: "device", key: subject.deviceId, limiter: throttleLimiter("device", DEVICE_FAILURE_LIMIT), limit: DEVICE_FAILURE_LIMIT }]
    : [{ kind: "email", key: emailThrottleKey(subject.email), limiter: emailLimiter(), limit: EMAIL_FAILURE_LIMIT }];
  if (subject.clientIp) keys.push({ kind: "ip", key: subject.clientIp, limiter: throttleLimiter("ip", ipFailureLimit()), limit: ipFailureLimit() });
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

type Counted = ThrottleKey & { place: number };

/**
 * Counts one attempt against the email (or the remembered device) and the client IP, and refuses it
 * (429 `rate_limited`, with Retry-After, carrying `message`) when its place in either count is past the
 * limit or the key is blocked. Only an attempt this lets through may have its password checked.
 */
export async function beginAttempt(subject: ThrottleSubject, message: string): Promise<Attempt> {
  // The email (or device) first: a flood of attempts for one email is refused there, without counting
  // anything else. Only an attempt it lets through is counted against the client IP too.
  const counted: Counted[] = [];
  for (const key of keysOf(subject)) {
    const verdict = await key.limiter.consume(key.key);
    if (!verdict.allowed) {
      // A refused attempt checks no password: the keys that let it through get their point back.
      for (const earlier of counted) await earlier.limiter.giveBack(earlier.key);
      throw new AppError("rate_limited", message, { headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
    }
    counted.push({ ...key, place: key.limit - verdict.remaining });
  }
  return {
    async succeeded() {
      for (const entry of counted) {
        if (entry.kind === "ip") await entry.limiter.giveBack(entry.key);
        else await entry.limiter.reset(entry.key);
      }
      // Through a remembered device the email was not counted; its failures are forgotten too, but a lock
      // an attacker set on it runs its course (or an admin lifts it): it keeps guessers elsewhere out.
      if (subject.deviceId && (await emailLimiter().refusedFor(emailThrottleKey(subject.email))) === null) await emailLimiter().reset(emailThrottleKey(subject.email));
    },
    async failed() {
      const outcome: FailureOutcome = { emailLocked: false, deviceLocked: false, ipLocked: false };
      for (const entry of counted) {
        if (entry.place < entry.limit) continue;
        // This failure was the limit's last: the key is locked for the lock's length from now.
        await entry.limiter.block(entry.key, THROTTLE_LOCK_MS / 1000);
        outcome[`${entry.kind}Locked`] = true;
      }
      return outcome;
    },
  };
}

/** A successful check elsewhere (an admin's password reset) forgets the email's failures and lifts its lock. */
export async function clearFailures(email: string): Promise<void> {
  await emailLimiter().reset(emailThrottleKey(email));
}

/** Lifts an email's lock (an admin's unlock); answers whether it was locked. */
export async function unlockEmail(email: string): Promise<boolean> {
  const wasLocked = (await lockedEmails([email])).size > 0;
  await clearFailures(email);
  return wasLocked;
}

/** Until when each of these emails is refused sign-in (only the locked ones are in the map). */
export async function lockedEmails(emails: string[]): Promise<Map<string, Date>> {
  const limiter = emailLimiter();
  const refusals = await Promise.all(emails.map((email) => limiter.refusedFor(emailThrottleKey(email))));
  const locked = new Map<string, Date>();
  emails.forEach((email, index) => {
    const seconds = refusals[index];
    if (seconds !== null) locked.set(emailThrottleKey(email), new Date(Date.now() + seconds * 1000));
  });
  return locked;
}
