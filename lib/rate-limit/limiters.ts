// Rate limiters that count across every instance of a deployment: the one factory for the API's
// per-credential limit and any other limit that must hold deployment-wide (sign-in throttles …).
//
//   const limiter = createLimiter({ keyPrefix: "api", points: 1200, duration: 60 });
//   const verdict = await limiter.consume(credentialKey);   // { allowed: true } | { allowed: false, retryAfterSeconds }
//
// The counts live where lib/db/limiter-store.ts keeps them: in PostgreSQL for the whole deployment
// (an in-memory count per instance while the database does not answer), in memory on SQLite.
//
// On PostgreSQL a busy credential would cost a round trip per request, so concurrent calls share them
// (lib/rate-limit/batched-counter.ts): the counts of one key waiting behind one in flight go together as one
// count of their sum, each answered from its own place in it, exactly as if counted one by one.
//
// Before every authentication the API asks whether the client's address is blocked. On PostgreSQL an
// answer of "not over its limit" is remembered for a second, so a busy address costs no round trip
// for it. The moment any instance counts a key over its limit, it forgets that answer and tells every
// other instance to forget it too (the database's cache events, within milliseconds), so their next
// request reads the database again; the one-second lifetime is the backstop when a notice is lost.
import { RateLimiterRes } from "rate-limiter-flexible";
import { limiterStore, warnLimiterFallback } from "@/lib/db/limiter-store";
import { databaseIsShared } from "@/lib/db/shared-database";
import { processState, type Owned } from "@/lib/process-state";
import { publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { processCache, type ProcessCache } from "@/lib/cache/process-cache";
import { batchedCounter, type Counted, type LimiterVerdict } from "@/lib/rate-limit/batched-counter";

export type LimiterOptions = {
  /** Names the limit; keys of different limiters never collide. */
  keyPrefix: string;
  /** Points (requests) allowed per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once over the limit, the key stays refused this long (seconds; default: until the window ends). */
  blockDuration?: number;
  /**
   * The counts are kept in the database on either database, survive a restart, and never fall back to a
   * count per instance: when the database cannot count, consume fails (a limit against guessing).
   */
  durable?: boolean;
};

export type Limiter = {
  /** Takes `points` (default 1) for `key`. */
  consume(key: string, points?: number): Promise<LimiterVerdict>;
  /** Forgets the key's count (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
  /** Takes back `points` (default 1) of the key's count, never below zero (an attempt that turned out fine). */
  giveBack(key: string, points?: number): Promise<void>;
  /** Refuses the key for `seconds` from now, whatever its count (a limit reached by what the attempts did). */
  block(key: string, seconds: number): Promise<void>;
  /**
   * Seconds until `key` may be counted again when it is over the limit now, else null; takes nothing.
   * For a limit that blocks, on PostgreSQL, a "not over" may be up to a second old (see above).
   */
  refusedFor(key: string): Promise<number | null>;
};

type LimitersState = {
  limiters: Map<string, Limiter>;
  /** Bumped whenever remembered answers are dropped: a read that began before is not remembered. */
  clearGeneration: number;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    rateLimiters: Owned<"lib/rate-limit/limiters", LimitersState>;
    rateLimitClearKeys: Owned<"lib/rate-limit/limiters", ProcessCache<true>>;
    rateLimitToldKeys: Owned<"lib/rate-limit/limiters", ProcessCache<true>>;
  }
}

const state = processState("rateLimiters", () => ({ limiters: new Map(), clearGeneration: 0 }));

/** Keys (limiter id, then key) read from PostgreSQL as not over their limit within the last second. */
const clearKeys = processCache<true>("rateLimitClearKeys", { ttlMs: 1_000, maxEntries: 10_000 });
/** Keys this instance told the others about within the last second. */
const toldRecently = processCache<true>("rateLimitToldKeys", { ttlMs: 1_000, maxEntries: 10_000 });
function forgetClear(key: string | null): void {
  state.clearGeneration++;
  if (key === null) clearKeys.clear();
  else clearKeys.delete(key);
}
registerInvalidation("rateLimitKey", { drop: forgetClear, dropAll: () => forgetClear(null) });

/** The limiter for these options (one per process and set of options, shared by every bundle). */
export function createLimiter(options: LimiterOptions): Limiter {
  const id = `${options.keyPrefix}|${options.points}|${options.duration}|${options.blockDuration ?? 0}|${options.durable ? "durable" : ""}`;
  const existing = state.limiters.get(id);
  if (existing) return existing;
  const inner = limiterStore({ keyPrefix: options.keyPrefix, points: options.points, duration: options.duration, blockDuration: options.blockDuration ?? 0, durable: options.durable });

  async function count(key: string, points: number): Promise<Counted> {
    try {
      const result = await inner.consume(key, points);
      return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { consumedPoints: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext };
      // A durable limit guards against guessing: without its count nothing goes ahead.
      if (options.durable) throw rejection;
      // Neither the database nor the insurance could count: let the requests through rather than fail them.
      warnLimiterFallback(rejection);
      return null;
    }
  }
  async function readRefusal(key: string): Promise<number | null> {
    try {
      const current = await inner.get(key);
      if (!current || current.consumedPoints <= options.points) return null;
      return Math.max(1, Math.ceil(current.msBeforeNext / 1000));
    } catch (error) {
      warnLimiterFallback(error);
      return null;
    }
  }
  const onPostgres = databaseIsShared();
  const countShared = batchedCounter(options.points, count);
  const clearKey = (key: string) => `${id}\u0000${key}`;

  // Only a limit that blocks is asked refusedFor; its refusals come seldom once the key is blocked
  // (the next requests are refused before they count), and are told at most once a second per key.
  function tellRefused(key: string): void {
    if (!onPostgres || !options.blockDuration || toldRecently.get(clearKey(key))) return;
    toldRecently.set(clearKey(key), true);
    forgetClear(clearKey(key));
    // Not a credential: no need to hold the refusal until every instance has heard.
    void publishInvalidation("rateLimitKey", clearKey(key));
  }

  const limiter: Limiter = {
    async consume(key, points = 1) {
      const verdict = await countShared(key, points);
      if (!verdict.allowed) tellRefused(key);
      return verdict;
    },
    async giveBack(key, points = 1) {
      try {
        // A store adds a negative count as it would any other: to a key with no count left that would
        // make a credit, so only a key still counting gets its points back.
        const current = await inner.get(key);
        if (current && current.consumedPoints > 0) await inner.reward(key, Math.min(points, current.consumedPoints));
      } catch (error) {
        warnLimiterFallback(error);
      }
    },
    async block(key, seconds) {
      try {
        await inner.block(key, seconds);
      } catch (error) {
        warnLimiterFallback(error);
      }
      tellRefused(key);
    },
    async refusedFor(key) {
      if (!onPostgres || !options.blockDuration) return readRefusal(key);
      if (clearKeys.get(clearKey(key))) return null;
      const generation = state.clearGeneration;
      const refusal = await readRefusal(key);
      if (refusal === null && generation === state.clearGeneration) clearKeys.set(clearKey(key), true);
      return refusal;
    },
    async reset(key) {
      try {
        await inner.delete(key);
      } catch (error) {
        warnLimiterFallback(error);
      }
    },
  };
  state.limiters.set(id, limiter);
  return limiter;
}
