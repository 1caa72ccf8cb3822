// The listening side of the cache events (lib/cache/cache-events.ts explains the protocol): one
// dedicated connection per server process that LISTENs on the cache channel, applies and acknowledges
// what other instances publish, and renews this instance's trust in its caches with a round trip
// every PING_MS (and its row in CacheInstance every HEARTBEAT_MS). It reconnects by itself; after a
// reconnection it drops every cache, since it cannot know what it missed.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { databaseUrl } from "@/lib/db/database-url";
import { serverPoolConfig } from "@/lib/db/postgres";
import { databaseIsShared } from "@/lib/db/shared-database";
import { onShutdown } from "@/lib/shutdown";
import { ackChannel, acknowledged, apply, CACHE_CHANNEL, cacheEventsState, dropEverything, publisher, TRUST_LEASE_MS, type Listener, type Message } from "@/lib/cache/cache-events";

/** How often the lease is renewed: a fraction of it, so a slow round trip or two cost no trust. */
const PING_MS = 100;
/** How often an instance renews its row in CacheInstance (LIVE_WINDOW_MS says how old a live one may be). */
const HEARTBEAT_MS = 1_000;
/** An instance trusts its caches only this long after its last renewal: less than LIVE_WINDOW_MS, so a publisher that no longer counts it live is not counting on it. */
const HEARTBEAT_TRUST_MS = 2_000;
/** A round trip on the listening connection that takes this long means the connection is gone (a cut network shows no error). */
const STUCK_MS = 5_000;
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];
/** Rows of instances gone this long are removed by the next instance that starts. */
const FORGET_INSTANCE_AFTER = "1 day";

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
  if (!message.id || message.from === cacheEventsState.origin || typeof message.from !== "string") return;
  if (listener.acks.length === 0) setImmediate(() => flushAcks(listener));
  listener.acks.push({ channel: ackChannel(message.from), payload: `${message.id} ${cacheEventsState.origin}` });
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
  cacheEventsState.trustedUntil = 0;
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
    if (heartbeat) await client.query(HEARTBEAT_SQL, [cacheEventsState.origin]);
    else await client.query("SELECT 1");
  } catch {
    dropConnection(listener, client);
    return;
  }
  if (listener.client !== client || !listener.connected) return;
  listener.pingSentAt = null;
  if (heartbeat) listener.heartbeatSentAt = sentAt;
  cacheEventsState.trustedUntil = Math.min(sentAt + TRUST_LEASE_MS, listener.heartbeatSentAt + HEARTBEAT_TRUST_MS);
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
  const acks = ackChannel(cacheEventsState.origin);
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
  if (!databaseIsShared() || cacheEventsState.listener) return;
  cacheEventsState.trustedUntil = 0;
  const listener: Listener = { client: null, stopped: false, connected: false, attempts: 0, timer: undefined, pinger: undefined, pingSentAt: null, heartbeatSentAt: Number.NEGATIVE_INFINITY, acks: [] };
  cacheEventsState.listener = listener;
  listener.pinger = setInterval(() => tick(listener), PING_MS);
  listener.pinger.unref();
  await connect(listener);
  // Rows of instances long gone: whoever starts next tidies them.
  publisher()
    .query(`DELETE FROM "CacheInstance" WHERE "seenAt" < timezone('UTC', now()) - interval '${FORGET_INSTANCE_AFTER}'`)
    .catch(() => {});
}

/** Whether this process is listening for other instances' invalidations now (the boot's log line says so). */
export function invalidationListenerConnected(): boolean {
  return cacheEventsState.listener?.connected ?? false;
}

/** Closes the listening connection: the last step of a shutdown. */
export async function stopInvalidationListener(): Promise<void> {
  const listener = cacheEventsState.listener;
  if (listener) {
    listener.stopped = true;
    // No longer listening: trust nothing, then leave the live instances so no change waits for this one.
    cacheEventsState.trustedUntil = 0;
    clearTimeout(listener.timer);
    clearInterval(listener.pinger);
    const client = listener.client;
    listener.client = null;
    if (client && listener.connected) await client.query(`DELETE FROM "CacheInstance" WHERE "id" = $1`, [cacheEventsState.origin]).catch(() => {});
    listener.connected = false;
    await client?.end().catch(() => {});
    cacheEventsState.listener = null;
  }
}

onShutdown("cacheEventsListener", stopInvalidationListener, { last: true });
