// The Prisma client, one per process. Only lib/ data modules import this.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databaseKind, databaseUrl, sqliteFilePath } from "./database-url";

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (databaseKind(url) !== "sqlite") {
    throw new Error("This build of Keyport supports SQLite (DATABASE_URL=file:...) only.");
  }
  // A generous busy timeout: the server and maintenance scripts may share the file.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

// Next's dev server reloads modules; keep one client on globalThis so connections don't pile up.
const globalForPrisma = globalThis as unknown as { keyportPrisma?: PrismaClient };
export const db: PrismaClient = globalForPrisma.keyportPrisma ?? createClient();
globalForPrisma.keyportPrisma = db;
