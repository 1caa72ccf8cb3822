// The Prisma client, one per process. Only lib/ data modules import this.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databaseKind, databaseUrl, sqliteFilePath } from "./database-url";
import { serializedSqlite } from "./serialized-sqlite";

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (databaseKind(url) !== "sqlite") {
    throw new Error("This build of Keyport supports SQLite (DATABASE_URL=file:...) only.");
  }
  // better-sqlite3 waits for another process's lock synchronously (the event loop stands still),
  // so the busy timeout stays short; write locks are held for milliseconds.
  const adapter = serializedSqlite(new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 3_000 }));
  return new PrismaClient({ adapter });
}

// Next's dev server reloads modules; keep one client on globalThis so connections don't pile up.
const globalForPrisma = globalThis as unknown as { keyportPrisma?: PrismaClient };
export const db: PrismaClient = globalForPrisma.keyportPrisma ?? createClient();
globalForPrisma.keyportPrisma = db;
