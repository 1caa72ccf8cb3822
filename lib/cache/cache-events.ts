// Cache invalidations between the instances of one deployment, through PostgreSQL's LISTEN/NOTIFY,
// confirmed before the change that caused them answers.
//
// Each instance keeps short-lived caches (tokens by digest, apps' standing, signing keys). A change
// made on one instance (a revocation, a role change, a deprovisioning, a consent removed, a key
// rotated) drops the matching entries there at once, and publishes the same drop on the channel
// `keyport_cache`; every instance listening drops them too and acknowledges, on a channel of the
// publisher's own. The change waits, up to ACK_WAIT_MS, for the acknowledgement of every live
// instance (the table CacheInstance: each listening instance renews its row every second) and then
// answers: by then the change holds everywhere.
//
// Why it holds even for an instance that does not acknowledge (its connection is cut or frozen, its
// process stalls): an instance trusts its caches only for TRUST_LEASE_MS after sending a round trip on
// its listening connection that came back. PostgreSQL delivers every notification committed before a
// query arrives ahead of that query's answer, so an instance trusting its caches at time t has applied
// every invalidation committed before t - TRUST_LEASE_MS. The publisher waits at least as long as the
// lease after its notification committed (unless every live instance acknowledged sooner), so an
// instance that missed it has stopped trusting its caches by the time the change answers, and reads the
// database on each request until its connection works again (after a reconnection it drops everything,
// since it cannot know what it missed). An instance whose row is older than LIVE_WINDOW_MS trusts
// nothing either: it stopped renewing its row more than HEARTBEAT_TRUST_MS ago.
//
// Owners register what a kind of invalidation drops locally:
//   registerInvalidation("token", { drop: (digest) => …, dropAll: () => … });
// check `cachesTrusted()` before answering from a cache, and after a change drop their own entries and
// `await publishInvalidation("token", digest)`. On SQLite (one process) publishing is a no-op and the
// caches are always trusted.
//
// The listening connection is one dedicated pg client per server process, opened by the server's
// start (startInvalidationListener); other processes (scripts, the seed, tests) only publish, through a
// one-connection pool that does not keep them alive.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";

export const CACHE_CHANNEL = "keyport_cache";

export type InvalidationKind = "token" | "tokenById" | "tokensOfUser" | "appAccess" | "signingKeys" | "rateLimitKey";

export type InvalidationHandler = {
  /** Drops the entries of one key (a token digest, a user id, an app id …). */
  drop(key: string): void;
  /** Drops the entries of many keys in one pass, where that is cheaper than one drop each (a leak report's tokens). */
  dropMany?(keys: string[]): void;
  /** Drops everything: after missing notifications for a while. */
  dropAll(): void;
};

/** `keys`: what to drop; `id`: what the acknowledgements name; `from`: the publisher, whose channel they go to. */
type Message = { id?: string; kind: InvalidationKind; keys?: string[]; key?: string; from: string };

/** The longest a change waits for the other instances' acknowledgements before it answers. */
export const ACK_WAIT_MS = 500;
/** How long a round trip on the listening connection lets an instance trust its caches: at most ACK_WAIT_MS (see above). */
export const TRUST_LEASE_MS = 400;
/** How often the lease is renewed: a fraction of it, so a slow round trip or two cost no trust. */
const PING_MS = 100;
/** How often an instance renews its row in CacheInstance, and how old a row may be for its instance to count as live. */
const HEARTBEAT_MS = 1_000;
export const LIVE_WINDOW_MS = 3_000;
/** An instance trusts its caches only this long after its last renewal: less than LIVE_WINDOW_MS, so a publisher that no longer counts it live is not counting on it. */
const HEARTBEAT_TRUST_MS = 2_000;
/** A round trip on the listening connection that takes this long means the connection is gone (a cut network shows no error). */
const STUCK_MS = 5_000;
/** When a change could not be published: every cached entry has expired by then (the caches' lifetime). */
const UNPUBLISHED_WAIT_MS = 1_000;
/** A notification's payload must stay under PostgreSQL's 8000 bytes. */
const MAX_PAYLOAD_CHARS = 7_000;
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];
/** Rows of instances gone this long are removed by the next instance that starts. */
const FORGET_INSTANCE_AFTER = "1 day";

type Listener = {
  client: pg.Client | null;
  stopped: boolean;
  connected: boolean;
  attempts: number;
  timer: NodeJS.Timeout | undefined;
  pinger: NodeJS.Timeout | undefined;
  /** When the round trip in flight was sent (performance.now()), or null. */
  pingSentAt: number | null;
  /** When the last round trip that renewed the instance's row was sent. */
  heartbeatSentAt: number;
  /** Acknowledgements waiting to be sent, by publisher channel. */
  acks: { channel: string; payload: string }[];
};

type Pending = { acked: Set<string>; waitingFor: Set<string> | null; done: () => void };

type CacheEventsState = {
  /** This process's name on the channel: its own messages are not applied twice, and acknowledgements come to it. */
  origin: string;
  handlers: Map<InvalidationKind, InvalidationHandler>;
  publisher: pg.Pool | null;
  listener: Listener | null;
  /**
   * Until when (performance.now()) the caches of this process may be trusted: Infinity where nothing
   * listens (SQLite, scripts), otherwise renewed by each round trip on the listening connection.
   */
  trustedUntil: number;
  /** Changes published by this process, waiting for acknowledgements, by id. */
  pending: Map<string, Pending>;
  /** Messages received (for tests and the benchmark). */
  received: number;
  /** Changes that answered without every live instance's acknowledgement (for diagnostics). */
  unconfirmed: number;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    cacheEvents: Owned<"lib/cache/cache-events", CacheEventsState>;
  }
}

const state = processState("cacheEvents", () => ({
  origin: randomUUID(),
  handlers: new Map(),
  publisher: null,
  listener: null,
  trustedUntil: Number.POSITIVE_INFINITY,
  pending: new Map(),
  received: 0,
  unconfirmed: 0,
}));

/** The channel acknowledgements to `origin`'s changes go to (an identifier: letters, digits, underscores). */
function ackChannel(origin: string): string {
  return `keyport_ack_${origin.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
}

function onPostgres(): boolean {
  try {
    return databaseKind(databaseUrl()) === "postgresql";
  } catch {
    return false;
  }
}

/** Says what an invalidation of `kind` drops in this process (registered once per kind, by its cache's module). */
export function registerInvalidation(kind: InvalidationKind, handler: InvalidationHandler): void {
  state.handlers.set(kind, handler);
}

/**
 * Whether this process may answer from its caches now. A comparison: it is on the hot path of every
 * cached lookup. False while the listening connection is down or has not confirmed lately.
 */
export function cachesTrusted(): boolean {
  return state.trustedUntil > performance.now();
}

function apply(message: Message): void {
  state.received++;
  if (message.from === state.origin) return;
  const handler = state.handlers.get(message.kind);
  if (!handler) return;
  const keys = message.keys ?? (message.key === undefined ? [] : [message.key]);
  if (handler.dropMany && keys.length > 1) handler.dropMany(keys);
  else for (const key of keys) handler.drop(key);
}

function dropEverything(): void {
  for (const handler of state.handlers.values()) handler.dropAll();
}

function publisher(): pg.Pool {
  // One connection at most, released when idle so a script that published can exit.
  if (!state.publisher) {
    state.publisher = new pg.Pool({ ...serverPoolConfig(databaseUrl()), max: 1, allowExitOnIdle: true, application_name: "keyport-cache-events" });
    state.publisher.on("error", () => {});
  }
  return state.publisher;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `keys` in messages whose payloads PostgreSQL accepts. */
function messages(kind: InvalidationKind, keys: string[]): Message[] {
  const batches: Message[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const key of keys) {
    if (batch.length > 0 && size + key.length + 3 > MAX_PAYLOAD_CHARS) {
      batches.push({ id: randomUUID(), kind, keys: batch, from: state.origin });
      batch = [];
      size = 0;
    }
    batch.push(key);
    size += key.length + 3;
  }
  if (batch.length > 0) batches.push({ id: randomUUID(), kind, keys: batch, from: state.origin });
  return batches;
}

/**
 * Tells every other instance to drop what `kind`/`keys` name (the caller has dropped its own entries),
 * and resolves once every live instance has acknowledged it, or ACK_WAIT_MS after it was sent: either
 * way, no instance answers from a cached copy of what changed after that (see above). Never throws: a
 * notification that cannot be sent is logged, and the wait is then the caches' own lifetime.
 */
export async function publishInvalidation(kind: InvalidationKind, keys: string | string[]): Promise<void> {
  if (!onPostgres()) return;
  const list = typeof keys === "string" ? [keys] : keys;
  if (list.length === 0) return;
  await Promise.all(messages(kind, list).map((message) => publishOne(message)));
}

async function publishOne(message: Message): Promise<void> {
  const id = message.id!;
  let done!: () => void;
  const confirmed = new Promise<void>((resolve) => (done = resolve));
  const pending: Pending = { acked: new Set(), waitingFor: null, done };
  state.pending.set(id, pending);
  try {
    const pool = publisher();
    try {
      await pool.query("SELECT pg_notify($1, $2)", [CACHE_CHANNEL, JSON.stringify(message)]);
    } catch (error) {
      console.error(`keyport: could not tell the other instances to drop cached ${message.kind} entries; waiting for them to expire`, (error as Error).message);
      await sleep(UNPUBLISHED_WAIT_MS);
      return;
    }
    const deadline = performance.now() + ACK_WAIT_MS;
    const timeout = sleep(ACK_WAIT_MS);
    // Only an instance that renewed its row lately may be trusting its caches: those are the ones to wait for.
    const live = await Promise.race([
      pool
        .query<{ id: string }>(`SELECT "id" FROM "CacheInstance" WHERE "seenAt" > timezone('UTC', now()) - make_interval(secs => $1) AND "id" <> $2`, [LIVE_WINDOW_MS / 1000, state.origin])
        .then((result) => result.rows.map((row) => row.id))
        .catch(() => null),
      timeout.then(() => null),
    ]);
    if (live === null) {
      await sleep(deadline - performance.now());
      state.unconfirmed++;
      return;
    }
    pending.waitingFor = new Set(live.filter((instance) => !pending.acked.has(instance)));
    if (pending.waitingFor.size === 0) return;
    // Acknowledgements reach this process only through its own listening connection.
    if (!state.listener?.connected) {
      await sleep(deadline - performance.now());
      state.unconfirmed++;
      return;
    }
    let confirmedInTime = false;
    await Promise.race([confirmed.then(() => (confirmedInTime = true)), timeout]);
    if (!confirmedInTime) state.unconfirmed++;
  } finally {
    state.pending.delete(id);
  }
}

function acknowledged(payload: string): void {
  const [id, instance] = payload.split(" ");
  const pending = id ? state.pending.get(id) : undefined;
  if (!pending || !instance) return;
  pending.acked.add(instance);
  if (pending.waitingFor && pending.waitingFor.delete(instance) && pending.waitingFor.size === 0) pending.done();
}

/** Sends the acknowledgements gathered since the last call, in one statement, on the listening connection (which proves they were received). */
function flushAcks(listener: Listener): void {
  const acks = listener.acks.splice(0);
  const client = listener.client;
  if (acks.length === 0 || !client || !listener.connected) return;
  client
    .query("SELECT pg_notify(channel, payload) FROM unnest($1::text[], $2::text[]) AS ack(channel, payload)", [acks.map((ack) => ack.channel), acks.map((ack) => ack.payload)])
    .catch(() => dropConnection(listener, client));
}

function received(listener: Listener, payload: string): void {
  let message: Message;
  try {
    message = JSON.parse(payload) as Message;
  } catch {
    return; // Not one of ours: ignore it.
  }
  apply(message);
  if (!message.id || message.from === state.origin || typeof message.from !== "string") return;
  if (listener.acks.length === 0) setImmediate(() => flushAcks(listener));
  listener.acks.push({ channel: ackChannel(message.from), payload: `${message.id} ${state.origin}` });
}

function scheduleReconnect(listener: Listener): void {
  if (listener.stopped || listener.timer) return;
  const delay = RECONNECT_DELAYS_MS[Math.min(listener.attempts, RECONNECT_DELAYS_MS.length - 1)];
  listener.attempts++;
  listener.timer = setTimeout(() => {
    listener.timer = undefined;
    void connect(listener);
  }, delay);
  listener.timer.unref();
}

function dropConnection(listener: Listener, client: pg.Client): void {
  if (listener.client !== client) return;
  state.trustedUntil = 0;
  listener.client = null;
  if (listener.connected) console.error("keyport: lost the database connection that receives cache invalidations; reading the database on every request until it is back");
  listener.connected = false;
  listener.pingSentAt = null;
  listener.acks = [];
  client.removeAllListeners("notification");
  client.on("error", () => {});
  client.end().catch(() => {});
  scheduleReconnect(listener);
}

const HEARTBEAT_SQL = `INSERT INTO "CacheInstance" ("id", "seenAt", "startedAt") VALUES ($1, timezone('UTC', now()), timezone('UTC', now()))
  ON CONFLICT ("id") DO UPDATE SET "seenAt" = EXCLUDED."seenAt"`;

/**
 * One round trip on the listening connection (renewing the instance's row every HEARTBEAT_MS): when
 * it comes back, every notification committed before it was sent has been applied, so the caches may
 * be trusted for TRUST_LEASE_MS from its sending.
 */
async function ping(listener: Listener, client: pg.Client): Promise<void> {
  if (listener.pingSentAt !== null) return;
  const sentAt = performance.now();
  const heartbeat = sentAt - listener.heartbeatSentAt >= HEARTBEAT_MS;
  listener.pingSentAt = sentAt;
  try {
    if (heartbeat) await client.query(HEARTBEAT_SQL, [state.origin]);
    else await client.query("SELECT 1");
  } catch {
    dropConnection(listener, client);
    return;
  }
  if (listener.client !== client || !listener.connected) return;
  listener.pingSentAt = null;
  if (heartbeat) listener.heartbeatSentAt = sentAt;
  state.trustedUntil = Math.min(sentAt + TRUST_LEASE_MS, listener.heartbeatSentAt + HEARTBEAT_TRUST_MS);
}

function tick(listener: Listener): void {
  const client = listener.client;
  if (!client || !listener.connected) return;
  if (listener.pingSentAt !== null && performance.now() - listener.pingSentAt > STUCK_MS) {
    dropConnection(listener, client);
    return;
  }
  void ping(listener, client);
}

async function connect(listener: Listener): Promise<void> {
  if (listener.stopped) return;
  // No statement bounds of a request here: a slow round trip only leaves the lease to lapse, and one
  // that never comes back is noticed after STUCK_MS; a slow connection is waited for a while longer too.
  const client = new pg.Client({
    ...serverPoolConfig(databaseUrl()),
    statement_timeout: 0,
    query_timeout: 0,
    connectionTimeoutMillis: STUCK_MS,
    application_name: "keyport-cache-listener",
  });
  listener.client = client;
  client.on("error", () => dropConnection(listener, client));
  client.on("end", () => dropConnection(listener, client));
  const acks = ackChannel(state.origin);
  client.on("notification", (notification) => {
    if (!notification.payload) return;
    if (notification.channel === CACHE_CHANNEL) received(listener, notification.payload);
    else if (notification.channel === acks) acknowledged(notification.payload);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}; LISTEN ${acks}`);
  } catch {
    dropConnection(listener, client);
    return;
  }
  if (listener.stopped || listener.client !== client) {
    await client.end().catch(() => {});
    return;
  }
  const reconnected = listener.attempts > 0;
  listener.connected = true;
  listener.attempts = 0;
  listener.heartbeatSentAt = Number.NEGATIVE_INFINITY;
  // Whatever was published while this instance was not listening is lost: start from a clean slate.
  dropEverything();
  // The first round trip renews the instance's row, and from then on its caches are trusted.
  await ping(listener, client);
  if (reconnected) console.log("keyport: receiving cache invalidations again");
}

/**
 * Starts receiving other instances' invalidations (once per process; a no-op on SQLite). The server
 * calls it at start; it reconnects by itself after the database comes back. Until the listening
 * connection has confirmed, this process answers nothing from its caches.
 */
export async function startInvalidationListener(): Promise<void> {
  if (!onPostgres() || state.listener) return;
  state.trustedUntil = 0;
  const listener: Listener = { client: null, stopped: false, connected: false, attempts: 0, timer: undefined, pinger: undefined, pingSentAt: null, heartbeatSentAt: Number.NEGATIVE_INFINITY, acks: [] };
  state.listener = listener;
  listener.pinger = setInterval(() => tick(listener), PING_MS);
  listener.pinger.unref();
  await connect(listener);
  // Rows of instances long gone: whoever starts next tidies them.
  publisher()
    .query(`DELETE FROM "CacheInstance" WHERE "seenAt" < timezone('UTC', now()) - interval '${FORGET_INSTANCE_AFTER}'`)
    .catch(() => {});
}

/** Whether this process is listening now (for tests and diagnostics). */
export function invalidationListenerConnected(): boolean {
  return state.listener?.connected === true;
}

/** Changes published by this process that answered without every live instance's acknowledgement. */
export function unconfirmedInvalidations(): number {
  return state.unconfirmed;
}

/** Closes the listening connection and the publishing pool: the last step of a shutdown. */
export async function stopCacheEvents(): Promise<void> {
  const listener = state.listener;
  if (listener) {
    listener.stopped = true;
    // No longer listening: trust nothing, then leave the live instances so no change waits for this one.
    state.trustedUntil = 0;
    clearTimeout(listener.timer);
    clearInterval(listener.pinger);
    const client = listener.client;
    listener.client = null;
    if (client && listener.connected) await client.query(`DELETE FROM "CacheInstance" WHERE "id" = $1`, [state.origin]).catch(() => {});
    listener.connected = false;
    await client?.end().catch(() => {});
    state.listener = null;
  }
  const pool = state.publisher;
  state.publisher = null;
  await pool?.end().catch(() => {});
}

onShutdown("cacheEvents", stopCacheEvents, { last: true });
