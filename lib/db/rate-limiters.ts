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
// When PostgreSQL does not answer within a second (it is down, cut off, or swamped), the request is
// counted by an in-memory limiter of the same limits instead (the library's insurance limiter): the
// limit then holds per instance for as long as the database is away, and the request is neither
// held up nor failed by its limiter (the rest of the request will meet the database's absence on its
// own and answer 503).
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { processState, type Owned } from "@/lib/process-state";

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

export type LimiterVerdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export type Limiter = {
  /** Takes `points` (default 1) for `key`. */
  consume(key: string, points?: number): Promise<LimiterVerdict>;
  /** Forgets the key's count (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
  /** Seconds until `key` may be counted again when it is over the limit now, else null; takes nothing. */
  refusedFor(key: string): Promise<number | null>;
};

type LimitersState = { pool: pg.Pool | null; limiters: Map<string, Limiter> };

declare module "@/lib/process-state" {
  interface ProcessState {
    rateLimiters: Owned<"lib/db/rate-limiters", LimitersState>;
  }
}

const state = processState("rateLimiters", () => ({ pool: null, limiters: new Map() }));

/** The limiters' own small pool: a slow limiter query never takes a connection the request itself needs. */
function limiterPool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({
      ...serverPoolConfig(databaseUrl()),
      max: LIMITER_POOL_SIZE,
      connectionTimeoutMillis: LIMITER_TIMEOUT_MS,
      statement_timeout: LIMITER_TIMEOUT_MS,
      query_timeout: LIMITER_TIMEOUT_MS,
      application_name: "keyport-rate-limits",
      allowExitOnIdle: true,
    });
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
  const limiter: Limiter = {
    async consume(key, points = 1) {
      try {
        const result = await inner.consume(key, points);
        return { allowed: true, remaining: result.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        // Neither the database nor the insurance could count: let the request through rather than fail it.
        warnFallback(rejection);
        return { allowed: true, remaining: 0 };
      }
    },
    async refusedFor(key) {
      try {
        const current = await inner.get(key);
        if (!current || current.consumedPoints <= options.points) return null;
        return Math.max(1, Math.ceil(current.msBeforeNext / 1000));
      } catch (error) {
        warnFallback(error);
        return null;
      }
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
