import { describe, expect, it } from "vitest";
import { ACTIVE_WINDOW_MS, statusWhere, tokenStatus } from "@/lib/tokens/token-status";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = (ms: number) => new Date(now.getTime() + ms);

describe("token status", () => {
  it("is Generated when never used", () => expect(tokenStatus(null, now)).toBe("Generated"));
  it("is Active when used within seven days", () => {
    expect(tokenStatus(ago(1000), now)).toBe("Active");
    expect(tokenStatus(ago(ACTIVE_WINDOW_MS), now)).toBe("Active");
  });
  it("is Inactive when last used more than seven days ago", () => {
    expect(tokenStatus(ago(ACTIVE_WINDOW_MS + 1), now)).toBe("Inactive");
    expect(tokenStatus(ago(8 * 24 * 3600 * 1000), now)).toBe("Inactive");
  });
  it("is Expired from the moment of expiry on, whatever its use", () => {
    expect(tokenStatus(null, now, now)).toBe("Expired");
    expect(tokenStatus(ago(1000), now, ago(1))).toBe("Expired");
    expect(tokenStatus(ago(1000), now, later(1))).toBe("Active");
    expect(tokenStatus(null, now, later(1))).toBe("Generated");
  });
  it("filters in the database by the same rule", () => {
    const notExpired = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    expect(statusWhere("Generated", now)).toEqual({ lastUsedAt: null, ...notExpired });
    expect(statusWhere("Active", now)).toEqual({ lastUsedAt: { gte: ago(ACTIVE_WINDOW_MS) }, ...notExpired });
    expect(statusWhere("Inactive", now)).toEqual({ lastUsedAt: { lt: ago(ACTIVE_WINDOW_MS) }, ...notExpired });
    expect(statusWhere("Expired", now)).toEqual({ expiresAt: { lte: now } });
  });
});
