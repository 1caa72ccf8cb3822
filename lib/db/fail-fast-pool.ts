// A pg pool that stops waiting for a database it has just seen go away.
//
// A request reaching a frozen or unreachable PostgreSQL is answered 503 within 5 s. Each wait has its
// bound (a connection: CONNECT_TIMEOUT_MS, an answer: the query timeout), but waits stack: with every
// connection held by a statement that will get no answer, a request first waits for a connection, then
// sends its own statement down it and waits again. So once a connection-level failure is seen (no
// answer, no connection, connection cut; not a wait for a free connection, which only says the pool is busy), the process fails fast for FAIL_FAST_MS: a connection handed
// out in that window is given back at once and its caller refused, and so is every new caller. The
// first statement to succeed ends the window; after it, calls go through again, so the database is
// used the moment it answers (each call then waits at most one bound).
//
// A statement PostgreSQL itself cancelled (statement timeout) does not count: the server answered,
// it is busy rather than away, and refusing every caller would turn a slow moment into an outage.
import pg from "pg";
import { processState, type Owned } from "../process-state";

/** How long after a connection-level failure new database work is refused without trying. */
export const FAIL_FAST_MS = 1_000;

/** The refusal's message: lib/db/unavailable.ts answers 503 for it. */
export const FAILING_FAST_MESSAGE = "Database did not answer a moment ago: failing fast";

// A client that is not answering, cannot connect, or whose connection broke (not: a statement the server refused).
// Not the pool's own "timeout exceeded when trying to connect" either: a caller that waited its whole bound
// for a free connection saw a busy pool, and a busy pool is no outage. When the database is away, the statements
// holding those connections fail with a read timeout, and a new connection with "Connection terminated…".
const CONNECTION_FAILURES = /Query read timeout|Connection terminated|Connection is not open|Client has encountered a connection error/i;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "57P01", "57P02", "57P03"]);

declare module "../process-state" {
  interface ProcessState {
    databaseOutage: Owned<"lib/db/fail-fast-pool", { failingUntil: number; waiting: Set<(refusal: Error) => void> }>;
  }
}

const outage = processState("databaseOutage", () => ({ failingUntil: 0, waiting: new Set<(refusal: Error) => void>() }));

function isConnectionFailure(error: unknown): boolean {
  const record = error as { message?: unknown; code?: unknown } | null;
  if (!record || typeof record !== "object") return false;
  if (typeof record.code === "string" && SOCKET_CODES.has(record.code)) return true;
  return typeof record.message === "string" && CONNECTION_FAILURES.test(record.message);
}

function observe(error: unknown): void {
  if (!isConnectionFailure(error)) return;
  outage.failingUntil = Date.now() + FAIL_FAST_MS;
  // Everyone still waiting for a connection would get one only to wait again: refuse them now.
  for (const giveUp of [...outage.waiting]) giveUp(new Error(FAILING_FAST_MESSAGE));
}

function refusal(): Error | null {
  return Date.now() < outage.failingUntil ? new Error(FAILING_FAST_MESSAGE) : null;
}

const watched = new WeakSet<pg.PoolClient>();

/** Watches a client's statements: a connection-level failure starts the window, a success ends it. */
function watch(client: pg.PoolClient): pg.PoolClient {
  if (watched.has(client)) return client;
  watched.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const callback = typeof args[args.length - 1] === "function" ? (args[args.length - 1] as (error: unknown, result?: unknown) => void) : null;
    if (callback) {
      args[args.length - 1] = (error: unknown, result?: unknown) => {
        if (error) observe(error);
        else outage.failingUntil = 0;
        callback(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(
        () => (outage.failingUntil = 0),
        (error) => observe(error),
      );
    }
    return result;
  };
  return client;
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * pg.Pool whose connections fail fast during a database outage (see above). Both pool.query and
 * transactions pass through connect. `reportsOutages: false` for a pool whose own timeouts are too
 * tight to tell a busy database from an absent one (the rate limiters'): it obeys the window but never opens it.
 */
export class FailFastPool extends pg.Pool {
  private readonly reportsOutages: boolean;

  constructor(config: pg.PoolConfig, { reportsOutages = true }: { reportsOutages?: boolean } = {}) {
    super(config);
    this.reportsOutages = reportsOutages;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }

  private async acquire(): Promise<pg.PoolClient> {
    const before = refusal();
    if (before) throw before;
    const connecting = super.connect();
    const client = await new Promise<pg.PoolClient>((resolve, reject) => {
      let settled = false;
      const giveUp = (error: Error) => {
        outage.waiting.delete(giveUp);
        if (settled) return;
        settled = true;
        reject(error);
      };
      outage.waiting.add(giveUp);
      connecting.then(
        (connected) => {
          outage.waiting.delete(giveUp);
          // Refused while it waited: the connection goes back to the pool unused.
          if (settled) return connected.release();
          settled = true;
          resolve(connected);
        },
        (error: Error) => {
          // Its own failure, not the window it opens, is what this caller is told.
          outage.waiting.delete(giveUp);
          if (this.reportsOutages) observe(error);
          giveUp(error);
        },
      );
    });
    // Waited for a connection while the outage was seen: its statement would only wait again.
    const after = refusal();
    if (after) {
      client.release();
      throw after;
    }
    return this.reportsOutages ? watch(client) : client;
  }
}
