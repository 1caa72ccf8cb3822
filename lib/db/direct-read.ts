// Read-only SQL on the database driver itself, for the reads the API serves most (list pages built by
// lib/resources/list-sql.ts). Through Prisma's raw query the same statement costs twice the CPU: its
// JavaScript engine handles every call, and on SQLite its adapter prepares the statement afresh each
// time. Here:
//   - SQLite: a read-only connection of its own to the same file, whose statements are prepared once
//     (an LRU by SQL text). The file is in WAL mode (prepare-db sets it), so the connection reads the
//     last committed state and never waits for a writer; a file in another mode, or locked for a moment
//     by another process, is read through Prisma.
//   - PostgreSQL: the server's pool, the one Prisma's adapter runs on (lib/db/postgres.ts). Timestamps
//     are read as UTC, as Prisma stores them, whatever the process's time zone.
// Arguments are bound as Prisma binds them: a Date as its ISO time (SQLite: with "+00:00"), a boolean
// as 1/0 on SQLite. Rows come back as the driver gives them: numbers, strings, Dates on PostgreSQL,
// JSON parsed on PostgreSQL and text on SQLite (lib/resources/list-sql.ts's jsonColumn reads both).
//
// It refuses to run inside an open transaction(): outside it, it would not see the transaction's writes.
import Database from "better-sqlite3";
import pg from "pg";
import { LRUCache } from "lru-cache";
import { db } from "./client";
import { databaseKind, databaseUrl, sqliteFilePath } from "./database-url";
import { serverPool } from "./postgres";
import { isSqliteBusy, SQLITE_BUSY_TIMEOUT_MS } from "./serialized-sqlite";
import { insideOpenTransaction, TransactionScopeError } from "./transaction-scope";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";

/** PostgreSQL's type OID for `timestamp` (without time zone): Prisma's DateTime columns. */
const TIMESTAMP_OID = 1114;
const PREPARED_STATEMENTS = 200;

type SqliteReader = { connection: Database.Database; statements: LRUCache<string, Database.Statement> };

declare module "@/lib/process-state" {
  interface ProcessState {
    directReader: Owned<"lib/db/direct-read", { sqlite: SqliteReader | null | undefined }>;
  }
}

const state = processState("directReader", () => ({ sqlite: undefined }));

/** The read-only connection, or null when the file is not in WAL mode (then Prisma reads). */
function sqliteReader(): SqliteReader | null {
  if (state.sqlite !== undefined) return state.sqlite;
  // better-sqlite3 waits for a lock synchronously (holding the event loop): only briefly, then Prisma's
  // path reads instead, which waits for the lock without holding anything (lib/db/serialized-sqlite.ts).
  const connection = new Database(sqliteFilePath(databaseUrl()), { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  if (connection.pragma("journal_mode", { simple: true }) !== "wal") {
    connection.close();
    state.sqlite = null;
  } else {
    state.sqlite = { connection, statements: new LRUCache({ max: PREPARED_STATEMENTS }) };
  }
  return state.sqlite;
}

function sqliteArgument(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

const utcTimestamps = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/** The rows of one read-only statement (`?` placeholders on SQLite, `$1 …` on PostgreSQL). */
export async function readRows<Row>(sql: string, args: unknown[]): Promise<Row[]> {
  if (insideOpenTransaction()) throw new TransactionScopeError("readRows");
  if (databaseKind() === "postgresql") {
    const values = args.map((value) => (value instanceof Date ? value.toISOString() : value));
    const result = await serverPool(databaseUrl()).query({ text: sql, values, types: utcTimestamps });
    return result.rows as Row[];
  }
  const reader = sqliteReader();
  if (reader) {
    try {
      let statement = reader.statements.get(sql);
      if (!statement) {
        statement = reader.connection.prepare(sql);
        reader.statements.set(sql, statement);
      }
      return statement.all(...args.map(sqliteArgument)) as Row[];
    } catch (error) {
      // Locked by another process for a moment (a recovery, a last connection closing the WAL): read
      // through Prisma, which waits without holding the event loop.
      if (!isSqliteBusy(error)) throw error;
    }
  }
  return (await db.$queryRawUnsafe(sql, ...args)) as Row[];
}

onShutdown(
  "direct reader",
  () => {
    const reader = state.sqlite;
    state.sqlite = undefined;
    reader?.connection.close();
  },
  { last: true },
);
