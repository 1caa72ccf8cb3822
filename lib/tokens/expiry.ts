// When tokens expire, and the arithmetic behind it.
//
// Lifetimes are exact durations, not calendar units: "30 days" is 30 × 24 hours from the moment the
// token is made (or rotated), and "1 year" is 365 × 24 hours. So a lifetime means the same length
// wherever the person is, a tenant's maximum compares with any lifetime by plain arithmetic, and a
// rotation gives exactly the same length again. The price: across a daylight-saving change the wall
// clock time of expiry moves by an hour, and "1 year" from 29 February ends on 28 February. The portal
// always shows the exact expiry time, so nobody has to work it out.
//
// A custom date is the one calendar choice: the token works through the end of that day in the time
// zone of the person who picked it, and its lifetime is the exact duration from now to then.
import { AppError } from "@/lib/errors";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest lifetime anybody may give a token, whatever the policy: ten years. */
export const MAX_LIFETIME_DAYS = 3650;
export const DEFAULT_EXPIRATION_DAYS = 30;
/** "Expires this week": tokens that stop working within this time are pointed out. */
export const EXPIRING_SOON_MS = 7 * DAY_MS;

export const EXPIRATION_PRESETS = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 60, label: "60 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
] as const;

/** What the tenant's "Maximum lifetime" may be set to; null: no maximum. */
export const POLICY_CHOICES = [
  { days: null, label: "No maximum" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
] as const;
export type PolicyMaxDays = (typeof POLICY_CHOICES)[number]["days"];

/** How long a value replaced by a rotation keeps working. */
export const GRACE_PERIODS = [
  { seconds: 0, label: "None" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 604_800, label: "7 days" },
] as const;
export const MAX_GRACE_SECONDS = 604_800;

export type ExpirationChoice = { kind: "days"; days: number } | { kind: "date"; date: string; timeZone: string } | { kind: "never" };

/** What is stored for a token's expiry: when it stops working, and the lifetime that gave it. */
export type Lifetime = { expiresAt: Date | null; lifetimeSeconds: number | null };

/** "30 days", "1 year", "No maximum". */
export function daysLabel(days: number | null): string {
  if (days === null) return "No maximum";
  if (days % 365 === 0) return days === 365 ? "1 year" : `${days / 365} years`;
  return days === 1 ? "1 day" : `${days} days`;
}

/** A lifetime in words, for the details page: whole days when it is whole days, else hours. */
export function lifetimeLabel(seconds: number | null): string {
  if (seconds === null) return "No expiration";
  if (seconds % 86_400 === 0) return daysLabel(seconds / 86_400);
  const hours = Math.round(seconds / 3600);
  return hours < 48 ? `${hours} hours` : `about ${Math.round(seconds / 86_400)} days`;
}

const invalidExpiration = (message: string) => new AppError("invalid_request", message, { details: { expiration: [message] } });

function policyRefusal(maxDays: number): AppError {
  return invalidExpiration(`Your organization's token policy allows a lifetime of at most ${daysLabel(maxDays)}. Choose a shorter expiration.`);
}

/** The default expiration: 30 days, or the tenant's maximum when that is shorter. */
export function defaultExpirationDays(maxDays: number | null): number {
  return maxDays === null ? DEFAULT_EXPIRATION_DAYS : Math.min(DEFAULT_EXPIRATION_DAYS, maxDays);
}

/**
 * The expiry of a new token for the chosen expiration under the tenant's maximum (in days, null: none).
 * Throws invalid_request (details.expiration) for a choice the policy or the calendar does not allow.
 */
export function resolveExpiration(choice: ExpirationChoice, now: Date, maxDays: number | null): Lifetime {
  switch (choice.kind) {
    case "never":
      if (maxDays !== null) throw policyRefusal(maxDays);
      return { expiresAt: null, lifetimeSeconds: null };
    case "days": {
      if (!Number.isInteger(choice.days) || choice.days < 1 || choice.days > MAX_LIFETIME_DAYS) {
        throw invalidExpiration(`A token's lifetime is 1 to ${MAX_LIFETIME_DAYS} days.`);
      }
      if (maxDays !== null && choice.days > maxDays) throw policyRefusal(maxDays);
      return { expiresAt: new Date(now.getTime() + choice.days * DAY_MS), lifetimeSeconds: choice.days * 86_400 };
    }
    case "date": {
      const expiresAt = endOfLocalDay(choice.date, choice.timeZone);
      const lifetimeMs = expiresAt.getTime() - now.getTime();
      if (lifetimeMs <= 0) throw invalidExpiration("Choose a date in the future.");
      if (lifetimeMs > MAX_LIFETIME_DAYS * DAY_MS) throw invalidExpiration("Choose a date at most 10 years ahead.");
      if (maxDays !== null && lifetimeMs > maxDays * DAY_MS) throw policyRefusal(maxDays);
      return { expiresAt, lifetimeSeconds: Math.ceil(lifetimeMs / 1000) };
    }
  }
}

/**
 * The expiry a rotation gives: a fresh lifetime of the same length from now, but never longer than the
 * tenant's maximum (a token made before a stricter policy is brought under it by its next rotation).
 */
export function rotatedLifetime(lifetimeSeconds: number | null, now: Date, maxDays: number | null): Lifetime {
  const maxSeconds = maxDays === null ? null : maxDays * 86_400;
  const seconds = lifetimeSeconds === null ? maxSeconds : maxSeconds === null ? lifetimeSeconds : Math.min(lifetimeSeconds, maxSeconds);
  return seconds === null ? { expiresAt: null, lifetimeSeconds: null } : { expiresAt: new Date(now.getTime() + seconds * 1000), lifetimeSeconds: seconds };
}

export function isExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/** Still valid, and expiring within the next seven days. */
export function expiresSoon(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && !isExpired(expiresAt, now) && expiresAt.getTime() - now.getTime() <= EXPIRING_SOON_MS;
}

// ---- Calendar dates in a time zone ----

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether "YYYY-MM-DD" names a real day (no 30 February). */
export function isCalendarDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in the zone at an instant, written as if it were UTC (ms). */
function wallClockAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/**
 * The instant a wall-clock time (given as if UTC) happens in the zone. When the clock jumps over that
 * time (a daylight-saving gap), the first instant after the gap.
 */
function instantOfWallClock(wall: number, timeZone: string): number {
  const first = wall - (wallClockAt(wall, timeZone) - wall);
  const second = wall - (wallClockAt(first, timeZone) - first);
  const exact = [first, second].filter((candidate) => wallClockAt(candidate, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : Math.max(first, second);
}

/** The last millisecond of a calendar day in a time zone: the next day's first instant, minus 1 ms. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  if (!isCalendarDate(date)) throw invalidExpiration("Enter a date as YYYY-MM-DD.");
  if (!isTimeZone(timeZone)) throw invalidExpiration("The time zone of that date is not known.");
  const [year, month, day] = date.split("-").map(Number);
  const nextMidnight = Date.UTC(year, month - 1, day + 1);
  return new Date(instantOfWallClock(nextMidnight, timeZone) - 1);
}

/** The calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClockAt(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The custom dates a person may pick today under the tenant's maximum: from today to the last day whose
 * end still falls within the maximum (or ten years).
 */
export function customDateBounds(now: Date, timeZone: string, maxDays: number | null): { min: string; max: string } {
  const limitDays = maxDays ?? MAX_LIFETIME_DAYS;
  const lastInstant = new Date(now.getTime() + limitDays * DAY_MS);
  const lastDay = localDate(lastInstant, timeZone);
  // The end of the day that holds the limit lies beyond it: the last allowed day is the one before.
  const [year, month, day] = lastDay.split("-").map(Number);
  const dayBefore = new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
  return { min: localDate(now, timeZone), max: dayBefore };
}

/** "in 7 days", "in 5 hours", "3 days ago": the expiry relative to now, rounded to the nearest unit. */
export function expiryText(expiresAt: Date, now: Date): string {
  const diff = expiresAt.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "always" });
  const sign = diff < 0 ? -1 : 1;
  if (abs < 60_000) return diff < 0 ? "just now" : "in less than a minute";
  if (abs < 3_600_000) return format.format(sign * Math.round(abs / 60_000), "minute");
  if (abs < 2 * DAY_MS) return format.format(sign * Math.round(abs / 3_600_000), "hour");
  if (abs < 364.5 * DAY_MS) return format.format(sign * Math.round(abs / DAY_MS), "day");
  return format.format(sign * Math.round(abs / (365 * DAY_MS)), "year");
}
