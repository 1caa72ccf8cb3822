// Expiry arithmetic: lifetimes are exact durations (N × 24 hours; "1 year" is 365 days), a custom date
// ends with its last millisecond in the chooser's time zone, and the tenant's maximum holds for both.
import { describe, expect, it } from "vitest";
import {
  customDateBounds,
  DAY_MS,
  defaultExpirationDays,
  endOfLocalDay,
  expiresSoon,
  expiryText,
  isCalendarDate,
  isExpired,
  lifetimeLabel,
  localDate,
  resolveExpiration,
  rotatedLifetime,
} from "@/lib/tokens/expiry";

const at = (iso: string) => new Date(iso);
const wallClock = (date: Date, timeZone: string) =>
  date.toLocaleString("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

describe("preset lifetimes are exact durations", () => {
  it("adds N × 24 hours and keeps the lifetime for rotations", () => {
    const now = at("2026-11-23T12:00:00Z");
    expect(resolveExpiration({ kind: "days", days: 7 }, now, null)).toEqual({ expiresAt: at("2026-11-30T12:00:00Z"), lifetimeSeconds: 7 * 86_400 });
    expect(resolveExpiration({ kind: "days", days: 30 }, now, null).expiresAt).toEqual(at("2026-12-23T12:00:00Z"));
  });

  it("30 days across a daylight-saving change: the same duration, the wall clock moves by an hour", () => {
    // 10:00 in Berlin on 20 March (CET) → 30 × 24 h later it is 11:00 there (CEST).
    const now = at("2026-03-20T09:00:00Z");
    const { expiresAt } = resolveExpiration({ kind: "days", days: 30 }, now, null);
    expect(expiresAt!.getTime() - now.getTime()).toBe(30 * DAY_MS);
    expect(wallClock(now, "Europe/Berlin")).toBe("20/03/2026, 10:00");
    expect(wallClock(expiresAt!, "Europe/Berlin")).toBe("19/04/2026, 11:00");
    // And back in autumn: 10:00 CEST becomes 09:00 CET.
    const autumn = at("2026-10-10T08:00:00Z");
    expect(wallClock(resolveExpiration({ kind: "days", days: 30 }, autumn, null).expiresAt!, "Europe/Berlin")).toBe("09/11/2026, 09:00");
  });

  it("1 year is 365 days: from 29 February it ends on 28 February; across a leap day it ends a calendar day early", () => {
    expect(resolveExpiration({ kind: "days", days: 365 }, at("2028-02-29T08:30:00Z"), null).expiresAt).toEqual(at("2029-02-28T08:30:00Z"));
    expect(resolveExpiration({ kind: "days", days: 365 }, at("2027-03-01T00:00:00Z"), null).expiresAt).toEqual(at("2028-02-29T00:00:00Z"));
    expect(resolveExpiration({ kind: "days", days: 365 }, at("2026-01-31T23:59:59Z"), null).expiresAt).toEqual(at("2027-01-31T23:59:59Z"));
  });

  it("30 days from a month's end lands by duration, not on the same day of the next month", () => {
    expect(resolveExpiration({ kind: "days", days: 30 }, at("2026-01-31T12:00:00Z"), null).expiresAt).toEqual(at("2026-03-02T12:00:00Z"));
    expect(resolveExpiration({ kind: "days", days: 30 }, at("2028-01-31T12:00:00Z"), null).expiresAt).toEqual(at("2028-03-01T12:00:00Z"));
  });

  it("refuses lifetimes outside 1 to 3650 days", () => {
    const now = at("2026-11-23T12:00:00Z");
    for (const days of [0, -1, 3651, 1.5]) expect(() => resolveExpiration({ kind: "days", days }, now, null)).toThrow(/1 to 3650 days/);
  });
});

describe("the tenant's maximum lifetime", () => {
  const now = at("2026-11-23T12:00:00Z");
  it("refuses longer presets and no expiration, with the field named", () => {
    expect(() => resolveExpiration({ kind: "days", days: 365 }, now, 90)).toThrow("allows a lifetime of at most 90 days");
    expect(() => resolveExpiration({ kind: "never" }, now, 30)).toThrow("at most 30 days");
    try {
      resolveExpiration({ kind: "never" }, now, 365);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid_request", details: { expiration: [expect.stringContaining("at most 1 year")] } });
    }
    expect(resolveExpiration({ kind: "days", days: 90 }, now, 90).lifetimeSeconds).toBe(90 * 86_400);
    expect(resolveExpiration({ kind: "never" }, now, null)).toEqual({ expiresAt: null, lifetimeSeconds: null });
  });

  it("defaults to 30 days, or the maximum when that is shorter", () => {
    expect(defaultExpirationDays(null)).toBe(30);
    expect(defaultExpirationDays(90)).toBe(30);
    expect(defaultExpirationDays(7)).toBe(7);
  });

  it("caps a rotation: a fresh lifetime of the same length, never beyond the maximum", () => {
    expect(rotatedLifetime(30 * 86_400, now, null)).toEqual({ expiresAt: at("2026-12-23T12:00:00Z"), lifetimeSeconds: 30 * 86_400 });
    expect(rotatedLifetime(365 * 86_400, now, 90)).toEqual({ expiresAt: new Date(now.getTime() + 90 * DAY_MS), lifetimeSeconds: 90 * 86_400 });
    expect(rotatedLifetime(null, now, 30)).toEqual({ expiresAt: new Date(now.getTime() + 30 * DAY_MS), lifetimeSeconds: 30 * 86_400 });
    expect(rotatedLifetime(null, now, null)).toEqual({ expiresAt: null, lifetimeSeconds: null });
    // A custom date's odd lifetime is kept to the second.
    expect(rotatedLifetime(1_000_001, now, 90).lifetimeSeconds).toBe(1_000_001);
  });
});

describe("a custom date works through the end of that day in the chooser's time zone", () => {
  it("ends at 23:59:59.999 local time, whatever the offset", () => {
    expect(endOfLocalDay("2026-12-24", "UTC")).toEqual(at("2026-12-24T23:59:59.999Z"));
    expect(endOfLocalDay("2026-12-24", "Europe/Berlin")).toEqual(at("2026-12-24T22:59:59.999Z"));
    expect(endOfLocalDay("2026-07-01", "Europe/Berlin")).toEqual(at("2026-07-01T21:59:59.999Z"));
    expect(endOfLocalDay("2026-01-31", "America/New_York")).toEqual(at("2026-02-01T04:59:59.999Z"));
    expect(endOfLocalDay("2026-06-30", "Asia/Kolkata")).toEqual(at("2026-06-30T18:29:59.999Z"));
    expect(endOfLocalDay("2026-12-31", "Pacific/Kiritimati")).toEqual(at("2026-12-31T09:59:59.999Z"));
  });

  it("on daylight-saving days, which are 23 or 25 hours long", () => {
    // Spring forward in Berlin: the day ends in summer time (UTC+2).
    expect(endOfLocalDay("2026-03-29", "Europe/Berlin")).toEqual(at("2026-03-29T21:59:59.999Z"));
    // Fall back: the day ends in winter time (UTC+1).
    expect(endOfLocalDay("2026-10-25", "Europe/Berlin")).toEqual(at("2026-10-25T22:59:59.999Z"));
    expect(endOfLocalDay("2026-03-08", "America/Los_Angeles")).toEqual(at("2026-03-09T06:59:59.999Z"));
    // Where the clock jumped over midnight (São Paulo, 4 November 2018), the next day began at 01:00.
    expect(endOfLocalDay("2018-11-03", "America/Sao_Paulo")).toEqual(at("2018-11-04T02:59:59.999Z"));
  });

  it("knows month ends and leap years", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("26-1-1")).toBe(false);
    expect(endOfLocalDay("2028-02-29", "UTC")).toEqual(at("2028-02-29T23:59:59.999Z"));
    expect(() => endOfLocalDay("2026-02-30", "UTC")).toThrow("YYYY-MM-DD");
    expect(() => endOfLocalDay("2026-02-03", "Mars/Olympus")).toThrow("time zone");
  });

  it("is refused in the past, beyond ten years, or beyond the maximum", () => {
    const now = at("2026-11-23T12:00:00Z");
    expect(() => resolveExpiration({ kind: "date", date: "2026-11-22", timeZone: "UTC" }, now, null)).toThrow("in the future");
    expect(resolveExpiration({ kind: "date", date: "2026-11-23", timeZone: "UTC" }, now, null).expiresAt).toEqual(at("2026-11-23T23:59:59.999Z"));
    expect(() => resolveExpiration({ kind: "date", date: "2036-12-01", timeZone: "UTC" }, now, null)).toThrow("10 years");
    expect(() => resolveExpiration({ kind: "date", date: "2027-02-21", timeZone: "UTC" }, now, 90)).toThrow("at most 90 days");
    const ok = resolveExpiration({ kind: "date", date: "2027-02-20", timeZone: "UTC" }, now, 90);
    expect(ok.expiresAt).toEqual(at("2027-02-20T23:59:59.999Z"));
    expect(ok.lifetimeSeconds).toBe(Math.ceil((ok.expiresAt!.getTime() - now.getTime()) / 1000));
  });

  it("offers exactly the dates the maximum allows", () => {
    const now = at("2026-11-23T12:00:00Z");
    const bounds = customDateBounds(now, "UTC", 90);
    expect(bounds).toEqual({ min: "2026-11-23", max: "2027-02-20" });
    expect(() => resolveExpiration({ kind: "date", date: bounds.max, timeZone: "UTC" }, now, 90)).not.toThrow();
    // Tokyo is already on the 24th.
    expect(customDateBounds(at("2026-11-23T20:00:00Z"), "Asia/Tokyo", 30).min).toBe("2026-11-24");
    expect(localDate(at("2026-11-23T20:00:00Z"), "America/Los_Angeles")).toBe("2026-11-23");
  });
});

describe("expiry as shown", () => {
  const now = at("2026-11-23T12:00:00Z");
  it("rounds to the nearest unit, so a fresh 7-day token reads 'in 7 days'", () => {
    expect(expiryText(new Date(now.getTime() + 7 * DAY_MS - 5_000), now)).toBe("in 7 days");
    expect(expiryText(new Date(now.getTime() + 30 * DAY_MS), now)).toBe("in 30 days");
    expect(expiryText(new Date(now.getTime() + 365 * DAY_MS), now)).toBe("in 1 year");
    expect(expiryText(new Date(now.getTime() + 5 * 3_600_000), now)).toBe("in 5 hours");
    expect(expiryText(new Date(now.getTime() + 20 * 60_000), now)).toBe("in 20 minutes");
    expect(expiryText(new Date(now.getTime() - 3 * DAY_MS), now)).toBe("3 days ago");
  });

  it("marks tokens expiring within seven days, and expired ones from their expiry on", () => {
    expect(expiresSoon(new Date(now.getTime() + 7 * DAY_MS), now)).toBe(true);
    expect(expiresSoon(new Date(now.getTime() + 7 * DAY_MS + 1), now)).toBe(false);
    expect(expiresSoon(now, now)).toBe(false);
    expect(expiresSoon(null, now)).toBe(false);
    expect(isExpired(now, now)).toBe(true);
    expect(isExpired(new Date(now.getTime() + 1), now)).toBe(false);
    expect(isExpired(null, now)).toBe(false);
  });

  it("names lifetimes", () => {
    expect(lifetimeLabel(null)).toBe("No expiration");
    expect(lifetimeLabel(30 * 86_400)).toBe("30 days");
    expect(lifetimeLabel(365 * 86_400)).toBe("1 year");
    expect(lifetimeLabel(7200)).toBe("2 hours");
    expect(lifetimeLabel(45 * 86_400 + 100)).toBe("about 45 days");
  });
});
