// Limits on what failures may cost: a client IP that keeps presenting credentials that do not
// authenticate (guessed or forged tokens, wrong client secrets) is refused with 429 `rate_limited`
// for a while, and the refusal is decided BEFORE any authentication work, so guessing costs the
// guesser more than it costs Keyport. The client IP is the one the HTTP front decided
// (lib/http/client-ip.ts): a client cannot spread its guesses over forged X-Forwarded-For addresses.
//
// Every limiter of this module is built by createLimiter(), the one place that chooses where counts
// are kept (here: in this process's memory, rate-limiter-flexible's RateLimiterMemory). A shared store
// (rate-limiter-flexible has one for PostgreSQL) makes several instances count together without
// changing anything else.
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import type { Owned } from "@/lib/process-state";
import { processState } from "@/lib/process-state";

declare module "@/lib/process-state" {
  interface ProcessState {
    authFailureLimiter: Owned<"lib/http/limiters", RateLimiterAbstract>;
  }
}

export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 100;
/** How long an IP that went over the limit stays refused. */
export const AUTH_FAILURE_BLOCK_SECONDS = 60;

export type LimiterOptions = { name: string; points: number; durationSeconds: number; blockSeconds?: number };

/** The one place limiters are constructed: swap the store here. */
export function createLimiter(options: LimiterOptions): RateLimiterAbstract {
  return new RateLimiterMemory({ keyPrefix: options.name, points: options.points, duration: options.durationSeconds, blockDuration: options.blockSeconds ?? 0 });
}

/** KEYPORT_AUTH_FAILURES_PER_MINUTE: failed authentications one client IP may make in a minute. */
export function authFailuresPerMinute(): number {
  const configured = Number(process.env.KEYPORT_AUTH_FAILURES_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_AUTH_FAILURES_PER_MINUTE;
}

function failureLimiter(): RateLimiterAbstract {
  return processState("authFailureLimiter", () =>
    createLimiter({ name: "auth-failures", points: authFailuresPerMinute(), durationSeconds: 60, blockSeconds: AUTH_FAILURE_BLOCK_SECONDS }),
  );
}

/** A request that passed through no front has no client IP: such requests share one count (fail closed). */
const keyOf = (ip: string | null) => ip ?? "unknown";

/** Throws 429 rate_limited (with Retry-After) while this IP is over its failed-authentication limit. */
export async function refuseWhileBlocked(ip: string | null): Promise<void> {
  const limiter = failureLimiter();
  const state = await limiter.get(keyOf(ip));
  if (state && state.consumedPoints > limiter.points) {
    const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    throw new AppError("rate_limited", `Too many failed authentications from this address: try again in ${retryAfter} s.`, {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}

/** Counts one failed authentication from this IP (going over the limit starts the block). */
export async function recordAuthFailure(ip: string | null): Promise<void> {
  try {
    await failureLimiter().consume(keyOf(ip));
  } catch {
    // Over the limit: the block has started; refuseWhileBlocked answers the next attempts.
  }
}

/**
 * Runs an authentication for a client IP: refused at once while the IP is blocked, and an
 * `unauthorized` refusal is counted against it.
 */
export async function limitAuthFailures<T>(ip: string | null, authenticate: () => Promise<T>): Promise<T> {
  await refuseWhileBlocked(ip);
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") await recordAuthFailure(ip);
    throw error;
  }
}
