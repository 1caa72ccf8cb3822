// The Prisma client, one per process. Only lib/ data modules import this.
//   db             every query on a tenant-owned model must name its tenant (lib/db/tenant-scope.ts)
//   crossTenantDb  the same connection without that check, for the few lookups that are cross-tenant
//                  by design (a credential by its digest, sign-in by email); tenant-scope.test.ts
//                  keeps the list of modules allowed to import it.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databaseKind, databaseUrl, sqliteFilePath } from "./database-url";
import { serializedSqlite } from "./serialized-sqlite";
import { tenantScope } from "./tenant-scope";
import { processState } from "@/lib/process-state";

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

export const crossTenantDb: PrismaClient = processState("prismaClient", createClient);
export const db = processState("tenantScopedPrismaClient", () => crossTenantDb.$extends(tenantScope));
export type Db = typeof db;
/** The client an interactive transaction hands its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
