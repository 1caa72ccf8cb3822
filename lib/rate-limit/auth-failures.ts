// Limits on what failures may cost: a client IP that keeps presenting credentials that do not
// authenticate (guessed or forged tokens, wrong client secrets) is refused with 429 `rate_limited`
// for a while, and the refusal is decided BEFORE any authentication work, so guessing costs the
// guesser more than it costs Keyport. The client IP is the one the HTTP front decided
// (lib/http/client-ip.ts): a client cannot spread its guesses over forged X-Forwarded-For addresses.
//
// The limiter is built by createLimiter (lib/rate-limit/limiters.ts): on PostgreSQL every instance of a
// deployment counts together, on SQLite the one process counts in memory.
import { createLimiter, type Limiter } from "@/lib/rate-limit/limiters";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";

/** How long an IP that went over the limit stays refused. */
export const AUTH_FAILURE_BLOCK_SECONDS = 60;

/** KEYPORT_AUTH_FAILURES_PER_MINUTE: failed authentications one client IP may make in a minute. */
export function authFailuresPerMinute(): number {
  return config.authFailuresPerMinute;
}

function failureLimiter(): Limiter {
  return createLimiter({ keyPrefix: "auth-failures", points: authFailuresPerMinute(), duration: 60, blockDuration: AUTH_FAILURE_BLOCK_SECONDS });
}

/** A request that passed through no front has no client IP: such requests share one count (fail closed). */
const keyOf = (ip: string | null) => ip ?? "unknown";

/** Throws 429 rate_limited (with Retry-After) while this IP is over its failed-authentication limit. */
export async function refuseWhileBlocked(ip: string | null): Promise<void> {
  const retryAfter = await failureLimiter().refusedFor(keyOf(ip));
  if (retryAfter !== null) {
    throw new AppError("rate_limited", `Too many failed authentications from this address: try again in ${retryAfter} s.`, {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}

/** Counts one failed authentication from this IP (going over the limit starts the block). */
export async function recordAuthFailure(ip: string | null): Promise<void> {
  // Going over the limit starts the block; refuseWhileBlocked answers the next attempts.
  await failureLimiter().consume(keyOf(ip));
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
