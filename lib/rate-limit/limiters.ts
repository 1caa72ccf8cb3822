// Rate limiters that count across every instance of a deployment: the one factory for the API's
// per-credential limit and any other limit that must hold deployment-wide (sign-in throttles …).
//
//   const limiter = createLimiter({ keyPrefix: "api", points: 1200, duration: 60 });
//   const verdict = await limiter.consume(credentialKey);   // { allowed: true } | { allowed: false, retryAfterSeconds }
//
// rate-limiter-flexible (maintained, no server of its own to run) does the counting:
//   - PostgreSQL: RateLimiterPostgres, a fixed window per key counted with one atomic
//     INSERT … ON CONFLICT … RETURNING in the table "RateLimitCounter". That table is part of Keyport's
//     migrations (tableCreated: true) rather than created by the library at start: the application's
//     database role then needs no CREATE right, instances starting together do not race on DDL (which
//     PostgreSQL does not make safe), and the migration drift check covers it. The library deletes
//     rows expired for an hour every five minutes.
//   - SQLite (one process): RateLimiterMemory.
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
//
// When PostgreSQL does not answer within a second (it is down, cut off, or swamped), the request is
// counted by an in-memory limiter of the same limits instead (the library's insurance limiter): the
// limit then holds per instance for as long as the database is away, and the request is neither
// held up nor failed by its limiter (the rest of the request will meet the database's absence on its
// own and answer 503).
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { FailFastPool } from "@/lib/db/fail-fast-pool";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";
import { publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { ttlCache, type TtlEntries } from "@/lib/ttl-cache";
import { batchedCounter, type Counted, type LimiterVerdict } from "@/lib/rate-limit/batched-counter";

export const RATE_LIMIT_TABLE = "RateLimitCounter";
/** The longest a limiter waits for PostgreSQL (connection and statement) before counting in memory. */
export const LIMITER_TIMEOUT_MS = 1_000;
const LIMITER_POOL_SIZE = 5;

export type LimiterOptions = {
  /** Names the limit; keys of different limiters never collide. */
  keyPrefix: string;
  /** Points (requests) allowed per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once over the limit, the key stays refused this long (seconds; default: until the window ends). */
  blockDuration?: number;
};

export type Limiter = {
  /** Takes `points` (default 1) for `key`. */
  consume(key: string, points?: number): Promise<LimiterVerdict>;
  /** Forgets the key's count (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
  /**
   * Seconds until `key` may be counted again when it is over the limit now, else null; takes nothing.
   * For a limit that blocks, on PostgreSQL, a "not over" may be up to a second old (see above).
   */
  refusedFor(key: string): Promise<number | null>;
};

type LimitersState = {
  pool: pg.Pool | null;
  limiters: Map<string, Limiter>;
  /** Bumped whenever remembered answers are dropped: a read that began before is not remembered. */
  clearGeneration: number;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    rateLimiters: Owned<"lib/rate-limit/limiters", LimitersState>;
    rateLimitClearKeys: Owned<"lib/rate-limit/limiters", TtlEntries<true>>;
    rateLimitToldKeys: Owned<"lib/rate-limit/limiters", TtlEntries<true>>;
  }
}

const state = processState("rateLimiters", () => ({ pool: null, limiters: new Map(), clearGeneration: 0 }));

/** Keys (limiter id, then key) read from PostgreSQL as not over their limit within the last second. */
const clearKeys = ttlCache<true>("rateLimitClearKeys", { ttlMs: 1_000, maxEntries: 10_000 });
/** Keys this instance told the others about within the last second. */
const toldRecently = ttlCache<true>("rateLimitToldKeys", { ttlMs: 1_000, maxEntries: 10_000 });
function forgetClear(key: string | null): void {
  state.clearGeneration++;
  if (key === null) clearKeys.deleteWhere(() => true);
  else clearKeys.delete(key);
}
registerInvalidation("rateLimitKey", { drop: forgetClear, dropAll: () => forgetClear(null) });

/** The limiters' own small pool: a slow limiter query never takes a connection the request itself needs. */
function limiterPool(): pg.Pool {
  if (!state.pool) {
    state.pool = new FailFastPool({
      ...serverPoolConfig(databaseUrl()),
      max: LIMITER_POOL_SIZE,
      connectionTimeoutMillis: LIMITER_TIMEOUT_MS,
      statement_timeout: LIMITER_TIMEOUT_MS,
      query_timeout: LIMITER_TIMEOUT_MS,
      application_name: "keyport-rate-limits",
      allowExitOnIdle: true,
      // A count does not wait for its commit to reach the disk. A crash of the database may then forget
      // the counts of its last fraction of a second (the window allows a few more calls), never corrupt
      // them; every instance still sees each count the moment it commits. Each count is a round trip
      // shorter by a WAL flush, which on a small machine is much of what the guard costs the database.
      // Set when the connection starts (inside the connect timeout, no round trip of its own), for these
      // connections alone: the portal's own writes keep the server's setting.
      options: "-c synchronous_commit=off",
    }, { reportsOutages: false });
    // An idle connection that dies is dropped by the pool; nothing else to do.
    state.pool.on("error", () => {});
  }
  return state.pool;
}

let warnedAt = 0;
function warnFallback(error: unknown): void {
  // Once a minute at most: during an outage every request would say it.
  if (Date.now() - warnedAt < 60_000) return;
  warnedAt = Date.now();
  console.error("keyport: rate limits are counted per instance until the database answers again:", (error as Error)?.message ?? error);
}

function build(options: LimiterOptions): RateLimiterAbstract {
  const limits = { keyPrefix: options.keyPrefix, points: options.points, duration: options.duration, blockDuration: options.blockDuration ?? 0 };
  if (databaseKind() !== "postgresql") return new RateLimiterMemory(limits);
  const insurance = new RateLimiterMemory(limits);
  // Told when the database is not answering: the insurance counts then (rejections are RateLimiterRes, not errors).
  const consume = insurance.consume.bind(insurance);
  insurance.consume = (key, points, consumeOptions) => {
    warnFallback(new Error("no answer from the database"));
    return consume(key, points, consumeOptions);
  };
  return new RateLimiterPostgres({
    storeClient: limiterPool(),
    storeType: "pool",
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    ...limits,
    insuranceLimiter: insurance,
  });
}

/** The limiter for these options (one per process and set of options, shared by every bundle). */
export function createLimiter(options: LimiterOptions): Limiter {
  const id = `${options.keyPrefix}|${options.points}|${options.duration}|${options.blockDuration ?? 0}`;
  const existing = state.limiters.get(id);
  if (existing) return existing;
  const inner = build(options);

  async function count(key: string, points: number): Promise<Counted> {
    try {
      const result = await inner.consume(key, points);
      return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { consumedPoints: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext };
      // Neither the database nor the insurance could count: let the requests through rather than fail them.
      warnFallback(rejection);
      return null;
    }
  }
  async function readRefusal(key: string): Promise<number | null> {
    try {
      const current = await inner.get(key);
      if (!current || current.consumedPoints <= options.points) return null;
      return Math.max(1, Math.ceil(current.msBeforeNext / 1000));
    } catch (error) {
      warnFallback(error);
      return null;
    }
  }
  const onPostgres = databaseKind() === "postgresql";
  const countShared = batchedCounter(options.points, count);
  const clearKey = (key: string) => `${id}\u0000${key}`;

  const limiter: Limiter = {
    async consume(key, points = 1) {
      const verdict = await countShared(key, points);
      // Only a limit that blocks is asked refusedFor; its refusals come seldom once the key is blocked
      // (the next requests are refused before they count), and are told at most once a second per key.
      if (!verdict.allowed && onPostgres && options.blockDuration && !toldRecently.get(clearKey(key))) {
        toldRecently.set(clearKey(key), true);
        forgetClear(clearKey(key));
        // Not a credential: no need to hold the refusal until every instance has heard.
        void publishInvalidation("rateLimitKey", clearKey(key));
      }
      return verdict;
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
        warnFallback(error);
      }
    },
  };
  state.limiters.set(id, limiter);
  return limiter;
}

/** Closes the limiters' pool: the last step of a shutdown. */
export async function closeLimiters(): Promise<void> {
  const pool = state.pool;
  state.pool = null;
  state.limiters.clear();
  await pool?.end().catch(() => {});
}

onShutdown("rateLimiters", closeLimiters, { last: true });
