// better-sqlite3 gives Prisma ONE connection per process. Prisma's adapter serializes transactions
// against each other but not against plain queries, so a query of another request that arrives while
// a transaction is open runs inside it (it sees uncommitted rows, and is rolled back with it). This
// wrapper puts every statement and every transaction of the process in one queue.
//
// Transactions also start with BEGIN IMMEDIATE: they take the write lock up front, so a transaction
// that reads and then writes cannot fail with SQLITE_BUSY_SNAPSHOT when another process (a second
// instance, a maintenance script, the test runner) wrote in between; it waits its turn instead.
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
    return this.#queue.run(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#queue.run(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#queue.run(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite transactions are serializable; ${isolationLevel} is not available.`);
    }
    // The queue is held by the transaction whose callback is running: waiting for it would never end.
    if (insideOpenTransaction()) throw new TransactionScopeError("A nested transaction (db.$transaction or transaction())");
    const release = await this.#queue.acquire();
    try {
      await this.#inner.executeScript("BEGIN IMMEDIATE");
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
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
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
