// better-sqlite3 gives Prisma ONE connection per process. Prisma's adapter serializes transactions
// against each other but not against plain queries, so a query of another request that arrives while
// a transaction is open runs inside it (it sees uncommitted rows, and is rolled back with it). This
// wrapper puts every statement and every transaction of the process in one queue.
//
// Transactions also start with BEGIN IMMEDIATE: they take the write lock up front, so a transaction
// that reads and then writes cannot fail with SQLITE_BUSY_SNAPSHOT when another process (a second
// instance, a maintenance script, the test runner) wrote in between; it waits its turn instead.
//
// Another process holding the file's write lock (a maintenance script, a backup, a second instance):
// better-sqlite3 waits for it synchronously, freezing the event loop, so its own busy timeout is a
// few milliseconds (SQLITE_BUSY_TIMEOUT_MS) and this wrapper retries a busy statement without
// blocking, with growing pauses, until SQLITE_LOCK_WAIT_MS after the statement was queued. Past that
// the busy error goes up and the request is answered 503 `unavailable` (lib/db/unavailable.ts).
//
// The one way to wait forever on this queue is to wait behind yourself: a statement or a transaction
// started outside the transaction client from inside a transaction's callback. The clients refuse
// such statements before they get here (transaction-scope.ts); this adapter refuses such a transaction.
import { insideOpenTransaction, TransactionScopeError } from "./transaction-scope";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** better-sqlite3's own (synchronous) wait for a lock held by another process. */
export const SQLITE_BUSY_TIMEOUT_MS = 20;
/** How long a statement may wait, in all, for the file's lock (queue time included) before it fails. */
export const SQLITE_LOCK_WAIT_MS = 3_000;
const MAX_PAUSE_MS = 100;

/** Whether SQLite refused because another connection holds the lock (SQLITE_BUSY*, SQLITE_LOCKED*). */
export function isSqliteBusy(error: unknown): boolean {
  const record = error as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  const code = record?.cause?.originalCode ?? record?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/** Runs `work`, and again after a pause while SQLite says busy, until `deadline` (ms since epoch). */
async function retryWhileBusy<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  let pause = 5;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}

class Queue {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => turn);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly #inner: SqlDriverAdapter;
  readonly #queue = new Queue();

  constructor(inner: SqlDriverAdapter) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
    return this.#queue.run(() => retryWhileBusy(deadline, () => this.#inner.queryRaw(query)));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
    return this.#queue.run(() => retryWhileBusy(deadline, () => this.#inner.executeRaw(query)));
  }

  executeScript(script: string): Promise<void> {
    const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
    return this.#queue.run(() => retryWhileBusy(deadline, () => this.#inner.executeScript(script)));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite transactions are serializable; ${isolationLevel} is not available.`);
    }
    // The queue is held by the transaction whose callback is running: waiting for it would never end.
    if (insideOpenTransaction()) throw new TransactionScopeError("A nested transaction (db.$transaction or transaction())");
    const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
    const release = await this.#queue.acquire();
    try {
      await retryWhileBusy(deadline, () => this.#inner.executeScript("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const inner = this.#inner;
    let open = true;
    const end = () => {
      if (open) {
        open = false;
        release();
      }
    };
    // Prisma sends COMMIT / ROLLBACK itself through executeRaw, then calls commit() / rollback().
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      // Holding the write lock, a statement should not meet a busy file; if it does, it has not run and may run again.
      queryRaw: (query) => retryWhileBusy(Date.now() + SQLITE_LOCK_WAIT_MS, () => inner.queryRaw(query)),
      executeRaw: (query) => retryWhileBusy(Date.now() + SQLITE_LOCK_WAIT_MS, () => inner.executeRaw(query)),
      commit: async () => end(),
      rollback: async () => end(),
    };
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

export function serializedSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SerializedAdapter(await factory.connect()),
  };
}
