// PostgreSQL connection settings, and the driver adapter the server's Prisma client uses.
//
// The pool is built from the URL's parts rather than handed the URL as a connection string: pg lets a
// connection string override every other field, so a copy of the settings pointed at another database
// (the migration engine's shadow database, the maintenance database that creates Keyport's) would
// silently connect to the original one instead.
import pg, { type PoolConfig } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { processState, type Owned } from "../process-state";
import { FailFastPool } from "./fail-fast-pool";
import { config } from "../config";

// A request that reaches a dead or unreachable database must be answered (503) within 5 s. A request's
// first failing database call decides that answer, and a rate-limit check may come before it
// (lib/rate-limit/limiters.ts bounds its own wait), so each call gets well under the 5 s.
/** How long to wait for a connection before failing the query: a dead database must not hang a request. */
export const CONNECT_TIMEOUT_MS = 3_000;
/**
 * How long one statement of the server may run. PostgreSQL cancels it then (statement_timeout), and
 * the driver gives up a moment later if no answer comes at all (a cut network, where the server's
 * cancel never arrives). `KEYPORT_DB_QUERY_TIMEOUT_MS` changes it for a process (0: no limit), for
 * bulk scripts whose statements legitimately run longer.
 */
export const QUERY_TIMEOUT_MS = 2_500;
/** Connections per process (pg's own default); `?connection_limit=` in DATABASE_URL changes it. */
export const DEFAULT_POOL_SIZE = 10;

function positiveInteger(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`DATABASE_URL: ${name} must be a whole number above 0, got '${value}'.`);
  return parsed;
}

function sslFor(mode: string | null): PoolConfig["ssl"] {
  switch (mode) {
    case null:
    case "disable":
    case "allow":
    case "prefer":
      return false;
    case "require":
      // libpq's "require": encrypted, but the server certificate is not checked.
      return { rejectUnauthorized: false };
    case "verify-ca":
    case "verify-full":
      return true;
    default:
      throw new Error(`DATABASE_URL: sslmode '${mode}' is not one of disable, allow, prefer, require, verify-ca, verify-full.`);
  }
}

/**
 * pg pool settings from a postgresql:// URL. Understands the URL parameters `host` (a socket
 * folder), `sslmode`, `connection_limit`, `connect_timeout` (seconds) and `application_name`.
 */
export function pgPoolConfig(url: string): PoolConfig {
  // A URL may leave the host out when ?host= names a socket folder (postgresql://user@/db?host=/run/postgresql),
  // which the WHATWG parser refuses: give it a stand-in that ?host= then replaces.
  const parsed = new URL(url.replace(/^([a-z]+:\/\/(?:[^@/?#]*@)?)(?=[/?#]|$)/i, "$1localhost"));
  const params = parsed.searchParams;
  const schema = params.get("schema");
  if (schema !== null && schema !== "public") {
    throw new Error("DATABASE_URL: Keyport keeps its tables in PostgreSQL's public schema; remove ?schema= or give a database of its own.");
  }
  const connectTimeout = positiveInteger(params.get("connect_timeout"), "connect_timeout");
  return {
    host: params.get("host") || decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, "$1")) || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ssl: sslFor(params.get("sslmode")),
    application_name: params.get("application_name") ?? "keyport",
    max: positiveInteger(params.get("connection_limit"), "connection_limit") ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: connectTimeout ? connectTimeout * 1000 : CONNECT_TIMEOUT_MS,
    // Notices a peer that vanished without closing the connection (a crashed host, a cut network).
    keepAlive: true,
  };
}

/** The same server, another database: for creating and dropping databases. */
export function withDatabase(config: PoolConfig, database: string): PoolConfig {
  return { ...config, database };
}

export function queryTimeoutMs(): number {
  return config.dbQueryTimeoutMs ?? QUERY_TIMEOUT_MS;
}

/**
 * The pool settings of the application's own connections: pgPoolConfig plus the statement bounds.
 * (Migrations and database administration use pgPoolConfig alone: their statements may run long.)
 */
export function serverPoolConfig(url: string, overrides: PoolConfig = {}): PoolConfig {
  const timeout = queryTimeoutMs();
  return {
    ...pgPoolConfig(url),
    ...(timeout > 0 ? { statement_timeout: timeout, query_timeout: timeout + 500 } : {}),
    ...overrides,
  };
}

declare module "../process-state" {
  interface ProcessState {
    serverPool: Owned<"lib/db/postgres", { pool: pg.Pool | null; closed: boolean }>;
  }
}

const shared = processState("serverPool", () => ({ pool: null, closed: false }));

/**
 * The server's pool on PostgreSQL, one per process: the PrismaClient's driver adapter runs on it, and
 * so do the direct reads of lib/db/direct-read.ts, so both share one set of connections and bounds.
 */
export function serverPool(url: string): pg.Pool {
  // After a shutdown closed it, nothing opens another one (it would keep the process alive); the
  // message is one lib/db/unavailable.ts answers 503 for.
  if (shared.closed) throw new Error("Client was closed and is not queryable: the server is shutting down.");
  if (!shared.pool) {
    shared.pool = new FailFastPool(serverPoolConfig(url));
    // The adapter listens for idle clients' errors as well; this one keeps an error without listeners from being thrown.
    shared.pool.on("error", () => {});
  }
  return shared.pool;
}

/** Ends the server's pool: after the PrismaClient has disconnected, the last step of a shutdown. */
export async function closeServerPool(): Promise<void> {
  const pool = shared.pool;
  shared.closed = true;
  await pool?.end().catch(() => {});
}

/** The driver adapter of the server's PrismaClient on PostgreSQL, on the server's pool. */
export function postgresAdapter(url: string): PrismaPg {
  const pool = serverPool(url);
  const adapter = new PrismaPg(pool);
  // The adapter takes a pool for a configuration unless it is an instance of its own copy of pg.
  if ((adapter as unknown as { externalPool: unknown }).externalPool !== pool) throw new Error("@prisma/adapter-pg did not take the server's pool: two copies of pg are installed.");
  return adapter;
}
