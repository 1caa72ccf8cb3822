// Cache invalidations between the instances of one deployment, through PostgreSQL's LISTEN/NOTIFY.
//
// Each instance keeps short-lived caches (tokens by digest, apps' standing, signing keys). A change
// made on one instance (a revocation, a role change, a deprovisioning, a consent removed, a key
// rotated) drops the matching entries there at once, and publishes the same drop on the channel
// `keyport_cache`; every instance listening drops them too, within milliseconds. The caches' own
// one-second expiry stays as the backstop (a notification is lost when the listening connection is
// down: on reconnecting, an instance drops every entry, since it cannot know what it missed).
//
// Owners register what a kind of invalidation drops locally:
//   registerInvalidation("token", { drop: (digest) => …, dropAll: () => … });
// and publish after a change: `publishInvalidation("token", digest)`. On SQLite (one process) it is a
// no-op beyond the local drop the owner already did.
//
// The listening connection is one dedicated pg client per server process, opened by the server's
// start (startInvalidationListener); other processes (scripts, the seed, tests) only publish, through a
// one-connection pool that does not keep them alive.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { processState, type Owned } from "@/lib/process-state";

export const CACHE_CHANNEL = "keyport_cache";

export type InvalidationKind = "token" | "tokenById" | "tokensOfUser" | "appAccess" | "signingKeys" | "rateLimitKey";

export type InvalidationHandler = {
  /** Drops the entries of one key (a token digest, a user id, an app id …). */
  drop(key: string): void;
  /** Drops everything: after missing notifications for a while. */
  dropAll(): void;
};

type Message = { kind: InvalidationKind; key: string; from: string };

/** How often the listening connection is checked: a cut network shows no error until something is sent. */
const HEALTH_CHECK_MS = 5_000;
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];

type Listener = {
  client: pg.Client | null;
  stopped: boolean;
  connected: boolean;
  attempts: number;
  timer: NodeJS.Timeout | undefined;
  health: NodeJS.Timeout | undefined;
};

type CacheEventsState = {
  /** This process's name on the channel: its own messages are not applied twice. */
  origin: string;
  handlers: Map<InvalidationKind, InvalidationHandler>;
  publisher: pg.Pool | null;
  listener: Listener | null;
  /** Messages received (for tests and the benchmark). */
  received: number;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    cacheEvents: Owned<"lib/db/cache-events", CacheEventsState>;
  }
}

const state = processState("cacheEvents", () => ({ origin: randomUUID(), handlers: new Map(), publisher: null, listener: null, received: 0 }));

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

function apply(message: Message): void {
  state.received++;
  if (message.from === state.origin) return;
  const handler = state.handlers.get(message.kind);
  if (handler) handler.drop(message.key);
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

/**
 * Tells every other instance to drop what `kind`/`key` names (the caller has dropped its own entries).
 * Never throws and never waits: a notification that cannot be sent is logged, and the other instances'
 * entries expire within their one-second lifetime anyway.
 */
export function publishInvalidation(kind: InvalidationKind, key: string): void {
  if (!onPostgres()) return;
  const payload = JSON.stringify({ kind, key, from: state.origin } satisfies Message);
  publisher()
    .query("SELECT pg_notify($1, $2)", [CACHE_CHANNEL, payload])
    .catch((error: unknown) => console.error(`keyport: could not tell the other instances to drop cached ${kind} entries (they expire within a second)`, (error as Error).message));
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
  listener.client = null;
  if (listener.connected) console.error("keyport: lost the database connection that receives cache invalidations; reconnecting");
  listener.connected = false;
  client.removeAllListeners("notification");
  client.on("error", () => {});
  client.end().catch(() => {});
  scheduleReconnect(listener);
}

async function connect(listener: Listener): Promise<void> {
  if (listener.stopped) return;
  const client = new pg.Client({ ...serverPoolConfig(databaseUrl()), application_name: "keyport-cache-listener" });
  listener.client = client;
  client.on("error", () => dropConnection(listener, client));
  client.on("end", () => dropConnection(listener, client));
  client.on("notification", (notification) => {
    if (notification.channel !== CACHE_CHANNEL || !notification.payload) return;
    try {
      apply(JSON.parse(notification.payload) as Message);
    } catch {
      // Not one of ours: ignore it.
    }
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
  } catch {
    dropConnection(listener, client);
    return;
  }
  if (listener.stopped) {
    await client.end().catch(() => {});
    return;
  }
  const reconnected = listener.attempts > 0;
  listener.connected = true;
  listener.attempts = 0;
  // Whatever was published while this instance was not listening is lost: start from a clean slate.
  dropEverything();
  if (reconnected) console.log("keyport: receiving cache invalidations again");
}

function checkHealth(listener: Listener): void {
  const client = listener.client;
  if (!client || !listener.connected) return;
  client.query("SELECT 1").catch(() => dropConnection(listener, client));
}

/**
 * Starts receiving other instances' invalidations (once per process; a no-op on SQLite). The server
 * calls it at start; it reconnects by itself after the database comes back.
 */
export async function startInvalidationListener(): Promise<void> {
  if (!onPostgres() || state.listener) return;
  const listener: Listener = { client: null, stopped: false, connected: false, attempts: 0, timer: undefined, health: undefined };
  state.listener = listener;
  listener.health = setInterval(() => checkHealth(listener), HEALTH_CHECK_MS);
  listener.health.unref();
  await connect(listener);
}

/** Whether this process is listening now (for tests and diagnostics). */
export function invalidationListenerConnected(): boolean {
  return state.listener?.connected === true;
}

/** Closes the listening connection and the publishing pool: the last step of a shutdown. */
export async function stopCacheEvents(): Promise<void> {
  const listener = state.listener;
  if (listener) {
    listener.stopped = true;
    clearTimeout(listener.timer);
    clearInterval(listener.health);
    const client = listener.client;
    listener.client = null;
    await client?.end().catch(() => {});
    state.listener = null;
  }
  const pool = state.publisher;
  state.publisher = null;
  await pool?.end().catch(() => {});
}
