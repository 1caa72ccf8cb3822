// The one place that decides whether an error means "the database cannot be reached right now" (a
// dead or unreachable PostgreSQL, a connection cut mid-query, a statement that timed out, a SQLite file
// locked by another process for longer than we wait), and turns it into the AppError every edge
// answers with: 503 `unavailable` with Retry-After in the API, `temporarily_unavailable` at the OAuth
// token endpoints, the "temporarily unavailable" page in the portal.
//
// Such errors reach us in several shapes: Prisma's known errors (P1001 "can't reach database server",
// P1017 "server closed the connection", P2024 pool timeout, P2028 a transaction that could not start),
// the pg driver's own errors passed through as they are ("Connection terminated due to connection
// timeout", "Query read timeout"), socket errors (ECONNREFUSED ...), PostgreSQL's SQLSTATE classes 08
// (connection exception) and 57 (operator intervention: shutdown, statement timeout), and SQLite's
// SQLITE_BUSY. The error and its causes are all looked at.
import { AppError, isAppError } from "@/lib/errors";

/** Seconds a client is asked to wait before trying again. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = "Keyport cannot reach its database right now. Try again in a few seconds.";

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNABORTED"]);
// PostgreSQL SQLSTATEs: 57014 statement timeout / cancelled, 57P01–57P03 shutting down or starting,
// 53300 too many connections, 08xxx connection exceptions.
const PG_CODES = new Set(["57014", "57P01", "57P02", "57P03", "53300"]);
const DRIVER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
const MESSAGES = [
  /Connection terminated/i,
  /Query read timeout/i,
  /timeout exceeded when trying to connect/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /Client has encountered a connection error/i,
  /Connection is not open|Client was closed and is not queryable|Cannot use a pool after calling end on the pool/i,
  /terminating connection due to administrator command/i,
  /canceling statement due to statement timeout/i,
  /Unable to start a transaction in the given time/i,
  /Transaction API error: Transaction already closed/i,
  /database is locked|SQLITE_BUSY/i,
  /Database did not answer a moment ago: failing fast/i,
];

function looksUnavailable(error: Record<string, unknown>): boolean {
  const code = typeof error.code === "string" ? error.code : typeof error.originalCode === "string" ? error.originalCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || PG_CODES.has(code) || /^08/.test(code) || code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) return true;
  const kind = typeof error.kind === "string" ? error.kind : undefined;
  if (kind && DRIVER_KINDS.has(kind)) return true;
  // A SQLite error carried by Prisma's driver adapter error: { kind: "sqlite", extendedCode: 5 } (SQLITE_BUSY).
  if (kind === "sqlite" && (error.extendedCode === 5 || error.extendedCode === 517 || error.extendedCode === 261)) return true;
  if (error.name === "PrismaClientInitializationError") return true;
  const message = typeof error.message === "string" ? error.message : "";
  return MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether `error` (or one of its causes) says the database cannot be reached or used right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isAppError(error)) return error.code === "unavailable";
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (looksUnavailable(record)) return true;
    // Prisma's driver adapter errors keep what the driver said under `cause`; Prisma's own errors
    // keep the adapter's under `meta.driverAdapterError`.
    const adapterError = (record.meta as Record<string, unknown> | undefined)?.driverAdapterError as Record<string, unknown> | undefined;
    if (adapterError && typeof adapterError === "object" && adapterError.cause && looksUnavailable(adapterError.cause as Record<string, unknown>)) return true;
    current = record.cause;
  }
  return false;
}

/** The AppError every edge answers with while the database is away. */
export function unavailableError(cause?: unknown): AppError {
  return new AppError("unavailable", UNAVAILABLE_MESSAGE, { headers: { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) }, cause });
}

/** `error` as the unavailable AppError when it means the database is away; otherwise `error` itself. */
export function asUnavailable(error: unknown): unknown {
  if (isAppError(error) || !isDatabaseUnavailable(error)) return error;
  return unavailableError(error);
}
