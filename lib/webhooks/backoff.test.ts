// Retries back off exponentially, with jitter, up to a cap, and stop 24 hours after the event.
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_RETRY_DELAY_MS, RETRY_WINDOW_MS, nextAttemptAfterFailure, retryBaseMs, retryDelayMs } from "@/lib/webhooks/backoff";

const middle = () => 0.5; // no jitter
const HOUR = 60 * 60 * 1000;

describe("webhook retry backoff", () => {
  it("doubles after each failure from the base", () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryDelayMs(failures, 30_000, middle))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never waits longer than the cap", () => {
    expect(retryDelayMs(30, 30_000, middle)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(2000, 30_000, middle)).toBe(MAX_RETRY_DELAY_MS);
  });

  it("spreads retries by ±20 %", () => {
    expect(retryDelayMs(1, 1_000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1_000, () => 0.999999)).toBe(1_200);
  });

  it("gives up once the next try would fall after 24 hours", () => {
    const createdAt = new Date("2026-01-01T00:00:00Z");
    const early = nextAttemptAfterFailure({ failures: 1, createdAt, now: new Date(createdAt.getTime() + 1_000), baseMs: 30_000, random: middle });
    expect(early?.getTime()).toBe(createdAt.getTime() + 31_000);
    const late = nextAttemptAfterFailure({ failures: 12, createdAt, now: new Date(createdAt.getTime() + 20 * HOUR), baseMs: 30_000, random: middle });
    expect(late).toBeNull();
  });

  it("tries about a dozen times over the window with the default base", () => {
    const createdAt = new Date(0);
    let now = createdAt;
    let attempts = 1;
    for (;;) {
      const next = nextAttemptAfterFailure({ failures: attempts, createdAt, now, baseMs: 30_000, random: middle });
      if (!next) break;
      now = next;
      attempts++;
    }
    expect(attempts).toBeGreaterThanOrEqual(10);
    expect(attempts).toBeLessThanOrEqual(16);
    expect(now.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(now.getTime()).toBeGreaterThan(RETRY_WINDOW_MS - MAX_RETRY_DELAY_MS * 1.2);
  });

  afterEach(() => vi.unstubAllEnvs());

  it("reads the base from the environment (tests shorten it), and refuses a value that is not a number", () => {
    vi.stubEnv("KEYPORT_WEBHOOK_RETRY_BASE_MS", "250");
    expect(retryBaseMs()).toBe(250);
    vi.stubEnv("KEYPORT_WEBHOOK_RETRY_BASE_MS", "nonsense");
    expect(() => retryBaseMs()).toThrow(/KEYPORT_WEBHOOK_RETRY_BASE_MS is not valid/);
    vi.stubEnv("KEYPORT_WEBHOOK_RETRY_BASE_MS", undefined);
    expect(retryBaseMs()).toBe(30_000);
  });
});
