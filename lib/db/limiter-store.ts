// Where the rate limiters (lib/rate-limit/limiters.ts) keep their counts, per database:
//   - PostgreSQL: rate-limiter-flexible's RateLimiterPostgres, a fixed window per key counted with one
//     atomic INSERT … ON CONFLICT … RETURNING in the table "RateLimitCounter", so every instance of a
//     deployment counts together. That table is part of Keyport's migrations (tableCreated: true) rather
//     than created by the library at start: the application's database role then needs no CREATE right,
//     instances starting together do not race on DDL (which PostgreSQL does not make safe), and the
//     migration drift check covers it. The library deletes rows expired for an hour every five minutes.
//   - SQLite (one process): RateLimiterMemory.
//   - A durable limit (the sign-in throttle), on either database: rate-limiter-flexible's RateLimiterPrisma
//     in the table "DurableLimitCounter", through the application's own client. Its lock must outlive a
//     restart, and it must never fall back to counting per instance: a flood that swamps the database
//     would otherwise buy each instance a fresh set of guesses. When it cannot count, the attempt fails.
//
// When PostgreSQL does not answer within a second (it is down, cut off, or swamped), the request is
// counted by an in-memory limiter of the same limits instead (the library's insurance limiter): the
// limit then holds per instance for as long as the database is away, and the request is neither
// held up nor failed by its limiter (the rest of the request will meet the database's absence on its
// own and answer 503).
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterPrisma, type RateLimiterAbstract } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { FailFastPool } from "@/lib/db/fail-fast-pool";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";

export const RATE_LIMIT_TABLE = "RateLimitCounter";
/** The longest a limiter waits for PostgreSQL (connection and statement) before counting in memory. */
export const LIMITER_TIMEOUT_MS = 1_000;
const LIMITER_POOL_SIZE = 5;

/**
 * A limit as rate-limiter-flexible takes it: points per `duration` seconds, refused for `blockDuration`
 * seconds once over; `durable`: its counts survive a restart on SQLite too.
 */
export type StoredLimits = { keyPrefix: string; points: number; duration: number; blockDuration: number; durable?: boolean };

declare module "@/lib/process-state" {
  interface ProcessState {
    limiterPool: Owned<"lib/db/limiter-store", { pool: pg.Pool | null }>;
  }
}

const state = processState("limiterPool", () => ({ pool: null }));

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
/** Says (once a minute at most: during an outage every request would) that limits are counted per instance. */
export function warnLimiterFallback(error: unknown): void {
  if (Date.now() - warnedAt < 60_000) return;
  warnedAt = Date.now();
  console.error("keyport: rate limits are counted per instance until the database answers again:", (error as Error)?.message ?? error);
}

/** The store that counts these limits on this database. */
export function limiterStore({ durable, ...limits }: StoredLimits): RateLimiterAbstract {
  // The model's name as the client spells it: the library reads `client[tableName]`.
  if (durable) return new RateLimiterPrisma({ storeClient: db, tableName: "durableLimitCounter", ...limits });
  if (databaseKind() !== "postgresql") return new RateLimiterMemory(limits);
  const insurance = new RateLimiterMemory(limits);
  // Told when the database is not answering: the insurance counts then (rejections are RateLimiterRes, not errors).
  const consume = insurance.consume.bind(insurance);
  insurance.consume = (key, points, consumeOptions) => {
    warnLimiterFallback(new Error("no answer from the database"));
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

/**
 * Moves the stored counts of these durable keys (each "<keyPrefix>:<key>") `ms` into the past, as if they
 * had been counted that much earlier: the end-to-end tests' way to see a 15-minute window end without
 * waiting for it. Not for production code.
 */
export async function ageDurableLimiterKeys(keys: string[], ms: number): Promise<void> {
  for (const row of await db.durableLimitCounter.findMany({ where: { key: { in: keys } } })) {
    if (row.expire) await db.durableLimitCounter.update({ where: { key: row.key }, data: { expire: new Date(row.expire.getTime() - ms) } });
  }
}

/** Closes the limiters' pool: the last step of a shutdown. */
export async function closeLimiterStore(): Promise<void> {
  const pool = state.pool;
  state.pool = null;
  await pool?.end().catch(() => {});
}

onShutdown("rateLimiters", closeLimiterStore, { last: true });
