// The Prisma client, one per process. Only lib/ data modules import this.
//   db             every query on a tenant-owned model must name its tenant (lib/db/tenant-scope.ts)
//   crossTenantDb  the same connection without that check, for the few lookups that are cross-tenant
//                  by design (a credential by its digest, sign-in by email); tenant-scope.test.ts
//                  keeps the list of modules allowed to import it.
//
// DATABASE_URL picks the database: `file:` the embedded SQLite, `postgresql://` a PostgreSQL server.
// Prisma generates one client per provider (lib/db/generated and lib/db/generated-pg, both from the
// same models). The application is typed against the SQLite client: the PostgreSQL client has the
// same models, fields and methods, and differs only in extras SQLite lacks (such as `mode` on string
// filters, which lib/db/contains.ts adds where it matters), so it is used through the SQLite client's
// type. Both share one runtime, so errors (Prisma.PrismaClientKnownRequestError, ...) are the same classes.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { databaseKind, databaseUrl, sqliteFilePath } from "./database-url";
import { refuseNulText } from "./nul-text";
import { postgresAdapter } from "./postgres";
import { serializedSqlite } from "./serialized-sqlite";
import { tenantScope } from "./tenant-scope";
import { processState } from "@/lib/process-state";

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (databaseKind(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: postgresAdapter(url) }).$extends(refuseNulText) as unknown as PrismaClient;
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
