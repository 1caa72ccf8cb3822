// The per-credential API limit: `KEYPORT_API_RATE_LIMIT_PER_MINUTE` requests a minute (default 1 200),
// counted in fixed one-minute windows for the whole deployment (on PostgreSQL every instance counts in
// the database; on SQLite the one process counts in memory: lib/rate-limit/limiters.ts). Over the limit
// the API answers 429 `rate_limited` with Retry-After (the seconds until the window ends).
import { createLimiter } from "@/lib/rate-limit/limiters";
import { config } from "@/lib/config";

export function rateLimitPerMinute(): number {
  return config.apiRateLimitPerMinute;
}

/** Takes one request from the credential's allowance: null when allowed, else the seconds to wait. */
export async function takeRequest(credentialKey: string, limit = rateLimitPerMinute()): Promise<number | null> {
  const verdict = await createLimiter({ keyPrefix: "api", points: limit, duration: 60 }).consume(credentialKey);
  return verdict.allowed ? null : verdict.retryAfterSeconds;
}
