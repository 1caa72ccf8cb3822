// A token bucket per credential: `KEYPORT_API_RATE_LIMIT_PER_MINUTE` requests a minute (default 1 200),
// with bursts up to that many. Over the limit the API answers 429 `rate_limited` with Retry-After.
// Buckets live in this process: with several instances each allows the limit (noted in the README).
import { processState, type Owned } from "@/lib/process-state";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
const MAX_BUCKETS = 100_000;

type Bucket = { tokens: number; updatedAt: number };

declare module "@/lib/process-state" {
  interface ProcessState {
    rateLimitBuckets: Owned<"lib/api/rate-limit", Map<string, Bucket>>;
  }
}

const buckets = processState("rateLimitBuckets", () => new Map<string, Bucket>());

export function rateLimitPerMinute(): number {
  const configured = Number(process.env.KEYPORT_API_RATE_LIMIT_PER_MINUTE);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** Takes one request from the credential's bucket: null when allowed, else the seconds to wait. */
export function takeRequest(credentialKey: string, now = Date.now(), limit = rateLimitPerMinute()): number | null {
  const perMs = limit / 60_000;
  const bucket = buckets.get(credentialKey) ?? { tokens: limit, updatedAt: now };
  bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updatedAt) * perMs);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) {
    buckets.set(credentialKey, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
  bucket.tokens -= 1;
  if (!buckets.has(credentialKey) && buckets.size >= MAX_BUCKETS) {
    // Full buckets carry no state worth keeping: drop them to make room.
    for (const [key, value] of buckets) if (value.tokens + (now - value.updatedAt) * perMs >= limit) buckets.delete(key);
  }
  buckets.set(credentialKey, bucket);
  return null;
}
