// The per-credential API limit: `KEYPORT_API_RATE_LIMIT_PER_MINUTE` requests a minute (default 1 200),
// counted in fixed one-minute windows for the whole deployment (on PostgreSQL every instance counts in
// the database; on SQLite the one process counts in memory: lib/rate-limit/limiters.ts). Over the limit
// the API answers 429 `rate_limited` with Retry-After (the seconds until the window ends).
import { createLimiter } from "@/lib/rate-limit/limiters";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

export function rateLimitPerMinute(): number {
  const configured = Number(process.env.KEYPORT_API_RATE_LIMIT_PER_MINUTE);
  return Number.isFinite(configured) && configured > 0 ? Math.floor(configured) : DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** Takes one request from the credential's allowance: null when allowed, else the seconds to wait. */
export async function takeRequest(credentialKey: string, limit = rateLimitPerMinute()): Promise<number | null> {
  const verdict = await createLimiter({ keyPrefix: "api", points: limit, duration: 60 }).consume(credentialKey);
  return verdict.allowed ? null : verdict.retryAfterSeconds;
}
