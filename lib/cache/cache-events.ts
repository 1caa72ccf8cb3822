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
//   registerInvalidation("tokenById", { drop: (tokenId) => …, dropAll: () => … });
// check `cachesTrusted()` before answering from a cache, and after a change drop their own entries and
// `await publishInvalidation("tokenById", tokenId)`. On SQLite (one process) publishing is a no-op and the
// caches are always trusted.
//
// The listening connection is one dedicated pg client per server process, opened by the server's
// start (startInvalidationListener, lib/cache/invalidation-listener.ts); other processes (scripts, the
// seed, tests) only publish, through a one-connection pool that does not keep them alive.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { databaseUrl } from "@/lib/db/database-url";
import { databaseIsShared } from "@/lib/db/shared-database";
import { serverPoolConfig } from "@/lib/db/postgres";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";

export const CACHE_CHANNEL = "keyport_cache";


export type InvalidationKind = "tokenById" | "tokensOfUser" | "tokensOfServiceAccount" | "appAccess" | "signingKeys" | "rateLimitKey" | "scimSecret";

export type InvalidationHandler = {
  /** Drops the entries of one key (a token digest, a user id, an app id …). */
  drop(key: string): void;
  /** Drops the entries of many keys in one pass, where that is cheaper than one drop each (a leak report's tokens). */
  dropMany?(keys: string[]): void;
  /** Drops everything: after missing notifications for a while. */
  dropAll(): void;
};

/** `keys`: what to drop; `id`: what the acknowledgements name; `from`: the publisher, whose channel they go to. */
export type Message = { id?: string; kind: InvalidationKind; keys?: string[]; key?: string; from: string };

/** The longest a change waits for the other instances' acknowledgements before it answers. */
export const ACK_WAIT_MS = 500;
/** How long a round trip on the listening connection lets an instance trust its caches: at most ACK_WAIT_MS (see above). */
export const TRUST_LEASE_MS = 400;
/** How old an instance's row in CacheInstance may be for the instance to count as live (it renews the row every second). */
export const LIVE_WINDOW_MS = 3_000;
/** When a change could not be published: every cached entry has expired by then (the caches' lifetime). */
const UNPUBLISHED_WAIT_MS = 1_000;
/** A notification's payload must stay under PostgreSQL's 8000 bytes. */
const MAX_PAYLOAD_CHARS = 7_000;

/** The listening connection of this process (lib/cache/invalidation-listener.ts). */
export type Listener = {
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

/** Shared with the listener (lib/cache/invalidation-listener.ts), which renews the trust and applies what it receives. */
export const cacheEventsState = processState("cacheEvents", () => ({
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
export function ackChannel(origin: string): string {
  return `keyport_ack_${origin.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
}

/** Says what an invalidation of `kind` drops in this process (registered once per kind, by its cache's module). */
export function registerInvalidation(kind: InvalidationKind, handler: InvalidationHandler): void {
  cacheEventsState.handlers.set(kind, handler);
}

/**
 * Whether this process may answer from its caches now. A comparison: it is on the hot path of every
 * cached lookup. False while the listening connection is down or has not confirmed lately.
 */
export function cachesTrusted(): boolean {
  return cacheEventsState.trustedUntil > performance.now();
}

/** Drops what a received message names (not this process's own). */
export function apply(message: Message): void {
  cacheEventsState.received++;
  if (message.from === cacheEventsState.origin) return;
  const handler = cacheEventsState.handlers.get(message.kind);
  if (!handler) return;
  const keys = message.keys ?? (message.key === undefined ? [] : [message.key]);
  if (handler.dropMany && keys.length > 1) handler.dropMany(keys);
  else for (const key of keys) handler.drop(key);
}

/** Drops every cache: after missing notifications for a while. */
export function dropEverything(): void {
  for (const handler of cacheEventsState.handlers.values()) handler.dropAll();
}

export function publisher(): pg.Pool {
  // One connection at most, released when idle so a script that published can exit.
  if (!cacheEventsState.publisher) {
    cacheEventsState.publisher = new pg.Pool({ ...serverPoolConfig(databaseUrl()), max: 1, allowExitOnIdle: true, application_name: "keyport-cache-events" });
    cacheEventsState.publisher.on("error", () => {});
  }
  return cacheEventsState.publisher;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `keys` in messages whose payloads PostgreSQL accepts. */
function messages(kind: InvalidationKind, keys: string[]): Message[] {
  const batches: Message[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const key of keys) {
    if (batch.length > 0 && size + key.length + 3 > MAX_PAYLOAD_CHARS) {
      batches.push({ id: randomUUID(), kind, keys: batch, from: cacheEventsState.origin });
      batch = [];
      size = 0;
    }
    batch.push(key);
    size += key.length + 3;
  }
  if (batch.length > 0) batches.push({ id: randomUUID(), kind, keys: batch, from: cacheEventsState.origin });
  return batches;
}

/**
 * Tells every other instance to drop what `kind`/`keys` name (the caller has dropped its own entries),
 * and resolves once every live instance has acknowledged it, or ACK_WAIT_MS after it was sent: either
 * way, no instance answers from a cached copy of what changed after that (see above). Never throws: a
 * notification that cannot be sent is logged, and the wait is then the caches' own lifetime.
 */
export async function publishInvalidation(kind: InvalidationKind, keys: string | string[]): Promise<void> {
  if (!databaseIsShared()) return;
  const list = typeof keys === "string" ? [keys] : keys;
  if (list.length === 0) return;
  await Promise.all(messages(kind, list).map((message) => publishOne(message)));
}

async function publishOne(message: Message): Promise<void> {
  const id = message.id!;
  let done!: () => void;
  const confirmed = new Promise<void>((resolve) => (done = resolve));
  const pending: Pending = { acked: new Set(), waitingFor: null, done };
  cacheEventsState.pending.set(id, pending);
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
        .query<{ id: string }>(`SELECT "id" FROM "CacheInstance" WHERE "seenAt" > timezone('UTC', now()) - make_interval(secs => $1) AND "id" <> $2`, [LIVE_WINDOW_MS / 1000, cacheEventsState.origin])
        .then((result) => result.rows.map((row) => row.id))
        .catch(() => null),
      timeout.then(() => null),
    ]);
    if (live === null) {
      await sleep(deadline - performance.now());
      cacheEventsState.unconfirmed++;
      return;
    }
    pending.waitingFor = new Set(live.filter((instance) => !pending.acked.has(instance)));
    if (pending.waitingFor.size === 0) return;
    // Acknowledgements reach this process only through its own listening connection.
    if (!cacheEventsState.listener?.connected) {
      await sleep(deadline - performance.now());
      cacheEventsState.unconfirmed++;
      return;
    }
    let confirmedInTime = false;
    await Promise.race([confirmed.then(() => (confirmedInTime = true)), timeout]);
    if (!confirmedInTime) cacheEventsState.unconfirmed++;
  } finally {
    cacheEventsState.pending.delete(id);
  }
}

/** An acknowledgement of one of this process's changes arrived (on its own channel). */
export function acknowledged(payload: string): void {
  const [id, instance] = payload.split(" ");
  const pending = id ? cacheEventsState.pending.get(id) : undefined;
  if (!pending || !instance) return;
  pending.acked.add(instance);
  if (pending.waitingFor && pending.waitingFor.delete(instance) && pending.waitingFor.size === 0) pending.done();
}

/** Changes published by this process that answered without every live instance's acknowledgement. */
export function unconfirmedInvalidations(): number {
  return cacheEventsState.unconfirmed;
}

/** Closes the publishing pool: the last step of a shutdown (the listener closes its own connection). */
async function closePublisher(): Promise<void> {
  const pool = cacheEventsState.publisher;
  cacheEventsState.publisher = null;
  await pool?.end().catch(() => {});
}

onShutdown("cacheEventsPublisher", closePublisher, { last: true });
