// When to try a failed delivery again: exponential backoff from a base delay (doubling after each
// failure, capped), with jitter so that many deliveries failing together do not retry together, for
// 24 hours from the event; after that the delivery is given up as failed.
import { config } from "@/lib/config";

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
const JITTER = 0.2;

/** The retry base: KEYPORT_WEBHOOK_RETRY_BASE_MS (tests shorten it), default 30 s. */
export function retryBaseMs(): number {
  return config.webhookRetryBaseMs;
}

/**
 * The wait after the `failures`-th failed attempt (1 = the first): base · 2^(failures−1), at most 6 h,
 * then ±20 % jitter. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, failures - 1), MAX_RETRY_DELAY_MS);
  return Math.round(exponential * (1 - JITTER + 2 * JITTER * random()));
}

/** When to try next after a failure, or null when that would fall outside the retry window: give up. */
export function nextAttemptAfterFailure(input: { failures: number; createdAt: Date; now: Date; baseMs: number; random?: () => number }): Date | null {
  const next = new Date(input.now.getTime() + retryDelayMs(input.failures, input.baseMs, input.random));
  return next.getTime() - input.createdAt.getTime() > RETRY_WINDOW_MS ? null : next;
}
