// The process's one SQLite connection: statements never overlap, a transaction is invisible to other
// requests until it commits, and a statement that would wait behind its own transaction fails at once.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/lib/db/generated/client";
import { crossTenantDb, db, transaction } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/database-url";
import { serializedSqlite } from "@/lib/db/serialized-sqlite";
import { TransactionScopeError, transactionScope } from "@/lib/db/transaction-scope";

/** Wraps the real adapter, makes every statement take a few milliseconds and counts how many run at once. */
function probedAdapter() {
  const probe = { inFlight: 0, maxInFlight: 0, statements: 0 };
  const base = new PrismaBetterSQLite3({ url: sqliteFilePath(), timeout: 3_000 });
  const measured = async <T>(work: () => Promise<T>): Promise<T> => {
    probe.inFlight++;
    probe.statements++;
    probe.maxInFlight = Math.max(probe.maxInFlight, probe.inFlight);
    try {
      await sleep(2);
      return await work();
    } finally {
      probe.inFlight--;
    }
  };
  const factory: SqlDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const inner: SqlDriverAdapter = await base.connect();
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query) => measured(() => inner.queryRaw(query)),
        executeRaw: (query) => measured(() => inner.executeRaw(query)),
        executeScript: (script) => measured(() => inner.executeScript(script)),
        startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
        getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: false },
        dispose: () => inner.dispose(),
      };
    },
  };
  return { probe, factory };
}

const newTenant = () => ({ id: randomUUID(), slug: `serial-${randomUUID().slice(0, 8)}`, name: "Serialization test" });

const clients: PrismaClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

/** Concurrent reads, writes and transactions of "requests" that know nothing of each other. */
async function concurrentWork(client: PrismaClient) {
  const rows = Array.from({ length: 5 }, newTenant);
  await Promise.all([
    ...rows.map((data) => client.tenant.create({ data })),
    ...rows.map(() => client.tenant.count()),
    ...rows.map((data) =>
      client.$transaction(async (tx) => {
        await tx.tenant.findMany({ where: { slug: data.slug } });
        await tx.tenant.count();
      }),
    ),
  ]);
}

describe("serialized SQLite adapter", () => {
  it("runs the statements of concurrent callers one at a time", async () => {
    const { probe, factory } = probedAdapter();
    const client = new PrismaClient({ adapter: serializedSqlite(factory) });
    clients.push(client);
    await concurrentWork(client);
    expect(probe.statements).toBeGreaterThan(15);
    expect(probe.maxInFlight).toBe(1);
  });

  it("(the same work without it overlaps, so the probe can see overlap)", async () => {
    const { probe, factory } = probedAdapter();
    const client = new PrismaClient({ adapter: factory });
    clients.push(client);
    await Promise.all(Array.from({ length: 10 }, () => client.tenant.count()));
    expect(probe.maxInFlight).toBeGreaterThan(1);
  });

  it("makes another request's query wait for an open transaction, which it never sees uncommitted", async () => {
    const rolledBack = newTenant();
    let insertedRow!: () => void;
    const inserted = new Promise<void>((resolve) => (insertedRow = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const open = transaction(async (tx) => {
      await tx.tenant.create({ data: rolledBack });
      insertedRow();
      await finished;
      throw new Error("roll back");
    });
    await inserted;

    // Another request, outside the transaction, while it is open.
    let seen: number | undefined;
    const other = db.tenant.count({ where: { slug: rolledBack.slug } }).then((count) => (seen = count));
    await sleep(150);
    expect(seen).toBeUndefined();

    finish();
    await expect(open).rejects.toThrow("roll back");
    await other;
    expect(seen).toBe(0);
  });

  it("lets a query waiting for a transaction see what it committed", async () => {
    const committed = newTenant();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const open = transaction(async (tx) => {
      await tx.tenant.create({ data: committed });
      await finished;
    });
    await sleep(50);
    const other = db.tenant.count({ where: { slug: committed.slug } });
    finish();
    await open;
    expect(await other).toBe(1);
  });
});

describe("a statement inside transaction() that does not use the transaction's client", () => {
  const fastly = async (work: () => Promise<unknown>) => {
    const started = Date.now();
    const error = await work().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, ms: Date.now() - started };
  };

  it("fails at once for a query on db, and the transaction rolls back", async () => {
    const row = newTenant();
    const { error, ms } = await fastly(() =>
      transaction(async (tx) => {
        await tx.tenant.create({ data: row });
        await db.tenant.count();
      }),
    );
    expect(error).toBeInstanceOf(TransactionScopeError);
    expect((error as Error).message).toContain("use the transaction client");
    expect(ms).toBeLessThan(1_000);
    expect(await db.tenant.count({ where: { slug: row.slug } })).toBe(0);
  });

  it("fails at once for crossTenantDb and for raw SQL", async () => {
    for (const plain of [() => crossTenantDb.tenant.findMany({ take: 1 }), () => db.$queryRaw`SELECT 1`, () => crossTenantDb.$executeRawUnsafe("SELECT 1")]) {
      const { error, ms } = await fastly(() => transaction(async () => void (await plain())));
      expect(error).toBeInstanceOf(TransactionScopeError);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it("fails at once for a transaction nested in it, through transaction() or db.$transaction", async () => {
    for (const nested of [() => transaction(async (tx) => tx.tenant.count()), () => db.$transaction(async (tx) => tx.tenant.count())]) {
      const { error, ms } = await fastly(() => transaction(async () => void (await nested())));
      expect(error).toBeInstanceOf(TransactionScopeError);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it("fails also when Prisma batches it with another request's identical query", async () => {
    const slug = `batch-${randomUUID().slice(0, 8)}`;
    let outside!: Promise<unknown>;
    const { error, ms } = await fastly(() =>
      transaction(async () => {
        // Another request's findUnique of the same shape, issued in the same tick outside the scope:
        // Prisma sends such queries as one batch, in the context of whichever came first.
        outside = transactionScope.exit(() => db.tenant.findUnique({ where: { slug } }).then((row) => row));
        await db.tenant.findUnique({ where: { slug } });
      }),
    );
    expect(error).toBeInstanceOf(TransactionScopeError);
    expect(ms).toBeLessThan(1_000);
    await expect(outside).resolves.toBeNull();
  });

  it("leaves the connection usable: the statements of the transaction itself and later queries run", async () => {
    const row = newTenant();
    await transaction(async (tx) => {
      await tx.tenant.create({ data: row });
      expect(await tx.tenant.count({ where: { slug: row.slug } })).toBe(1);
    });
    expect(await db.tenant.count({ where: { slug: row.slug } })).toBe(1);
    expect(await Promise.all([transaction(async (tx) => tx.tenant.count()), transaction(async (tx) => tx.tenant.count())])).toHaveLength(2);
  });
});

describe("a database file locked by another process", () => {
  it("fails a write after a bounded wait, as 'unavailable', without holding the event loop; then writes again", async () => {
    const { default: Database } = await import("better-sqlite3");
    const { isDatabaseUnavailable } = await import("@/lib/db/unavailable");
    const { SQLITE_LOCK_WAIT_MS } = await import("@/lib/db/serialized-sqlite");
    await crossTenantDb.tenant.count(); // the connection is open before the lock is taken
    const other = new Database(sqliteFilePath());
    other.exec("BEGIN EXCLUSIVE");
    let longestTick = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      longestTick = Math.max(longestTick, Date.now() - last);
      last = Date.now();
    }, 10);
    const started = Date.now();
    let failure: unknown;
    try {
      await crossTenantDb.tenant.create({ data: { id: randomUUID(), slug: `locked-${randomUUID().slice(0, 8)}`, name: "Locked" } });
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(ticker);
      other.exec("COMMIT");
      other.close();
    }
    const waited = Date.now() - started;
    expect(failure, "the write fails while the file is locked").toBeDefined();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(SQLITE_LOCK_WAIT_MS - 200);
    expect(waited).toBeLessThan(SQLITE_LOCK_WAIT_MS + 1_500);
    expect(longestTick, "the event loop kept turning").toBeLessThan(250);
    await expect(crossTenantDb.tenant.create({ data: { id: randomUUID(), slug: `unlocked-${randomUUID().slice(0, 8)}`, name: "Unlocked" } })).resolves.toBeTruthy();
  });
});
