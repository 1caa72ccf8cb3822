// The Prisma client, one per process. Only lib/ data modules import this.
//   db             every query on a tenant-owned model must name its tenant (lib/db/tenant-scope.ts)
//   crossTenantDb  the same connection without that check, for the few lookups that are cross-tenant
//                  by design (a credential by its digest, sign-in by email); tenant-scope.test.ts
//                  keeps the list of modules allowed to import it.
//   transaction    an interactive transaction: `transaction(async (tx) => …)`. Inside the callback
//                  every statement goes through `tx` (tenant-scoped like db); a query on db or
//                  crossTenantDb there throws at once instead of waiting for the transaction that
//                  waits for it (lib/db/transaction-scope.ts).
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
import { refuseUnstorableText } from "./nul-text";
import { closeServerPool, postgresAdapter } from "./postgres";
import { serializedSqlite, SQLITE_BUSY_TIMEOUT_MS } from "./serialized-sqlite";
import { tenantScope } from "./tenant-scope";
import { insideOpenTransaction, outsideTransactionsOnly, transactionScope, TransactionScopeError, type TransactionScope } from "./transaction-scope";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";

function baseClient(): PrismaClient {
  const url = databaseUrl();
  if (databaseKind(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: postgresAdapter(url) }).$extends(refuseUnstorableText({ refuseNul: true })) as unknown as PrismaClient;
  }
  // better-sqlite3 waits for another process's lock synchronously (the event loop stands still), so
  // its own busy timeout is a few milliseconds; the serialized adapter retries, without blocking, for
  // a bounded time before the request is answered 503 (serialized-sqlite.ts).
  const adapter = serializedSqlite(new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: SQLITE_BUSY_TIMEOUT_MS }));
  return new PrismaClient({ adapter }).$extends(refuseUnstorableText({ refuseNul: false })) as unknown as PrismaClient;
}

function createClients() {
  const client = baseClient();
  const tenantScoped = client.$extends(tenantScope);
  return {
    base: client,
    crossTenant: client.$extends(outsideTransactionsOnly),
    tenantScoped: tenantScoped.$extends(outsideTransactionsOnly),
    // The client transaction() opens its transactions on: its `tx` must not refuse its own queries.
    forTransactions: tenantScoped,
  };
}

declare module "@/lib/process-state" {
  interface ProcessState {
    prismaClients: Owned<"lib/db/client", ReturnType<typeof createClients>>;
  }
}

const clients = processState("prismaClients", createClients);

// After the last work of a stopping process (pending last uses) has been written: close the pools, so
// the database sees the instance leave rather than connections vanish. The cache-event listener and
// the limiters' pool close themselves in the same last phase (lib/cache, lib/rate-limit).
onShutdown(
  "database",
  async () => {
    await clients.base.$disconnect().finally(closeServerPool);
  },
  { last: true },
);

export const crossTenantDb = clients.crossTenant;
export const db = clients.tenantScoped;
export type Db = typeof db;

type TransactionClient = typeof clients.forTransactions;
/** The client an interactive transaction hands its callback. */
export type Tx = Parameters<Parameters<TransactionClient["$transaction"]>[0]>[0];
export type TransactionOptions = { maxWait?: number; timeout?: number };

/**
 * Runs `fn` in an interactive transaction and returns its result; a throw rolls it back. Everything
 * inside goes through `tx`: db, crossTenantDb and a nested transaction() refuse to run there
 * (TransactionScopeError) rather than escape the transaction or wait for it.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  if (insideOpenTransaction()) throw new TransactionScopeError("transaction()");
  const scope: TransactionScope = { open: false };
  return transactionScope.run(scope, () =>
    clients.forTransactions.$transaction(async (tx) => {
      scope.open = true;
      try {
        return await fn(tx);
      } finally {
        scope.open = false;
      }
    }, options),
  );
}
