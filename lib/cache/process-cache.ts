// A bounded cache whose entries live a fixed time (lru-cache with a `ttl`), one per server process
// (see process-state). The API guard's caches of tokens and of apps' standing are built on it: entries
// are dropped at once by changes made on this instance, and expire within the TTL for changes made by
// another instance. A cache is process state: its owner declares the name with the values' type, e.g.
//   declare module "@/lib/process-state" {
//     interface ProcessState { tokenCache: Owned<"lib/tokens/token-cache", ProcessCache<CachedToken>> }
//   }
// Values cannot be null or undefined (lru-cache's rule): a cached "no such thing" is a value of its own.
import { LRUCache } from "lru-cache";
import { processState, type ProcessStateNameFor } from "@/lib/process-state";

export type ProcessCache<V extends {}> = LRUCache<string, V>;

// Ages are read from Date.now() at every look-up (no resolution window), so a test that sets the
// clock sees entries expire exactly when it says.
const clock = { now: () => Date.now() };

/** The cache kept in process state under `name`, which must be declared as holding ProcessCache<V>. */
export function processCache<V extends {}>(name: ProcessStateNameFor<ProcessCache<V>>, options: { ttlMs: number; maxEntries: number }): ProcessCache<V> {
  // The signature has checked that `name` holds ProcessCache<V>; TypeScript cannot follow that through a generic name.
  return processState(name, () => new LRUCache<string, V>({ max: options.maxEntries, ttl: options.ttlMs, ttlResolution: 0, perf: clock }) as never) as ProcessCache<V>;
}

/** Drops every entry whose key or value matches. */
export function dropWhere<V extends {}>(cache: ProcessCache<V>, match: (key: string, value: V) => boolean): void {
  const matching: string[] = [];
  for (const [key, value] of cache.entries()) if (match(key, value)) matching.push(key);
  for (const key of matching) cache.delete(key);
}

/**
 * The value of `key` if it is still live at `now` (a test's clock, which may run ahead of the real
 * one), dropped when it is not; without `now`, simply `cache.get(key)`. Store with `cache.set(key, value, { start: now })`.
 */
export function liveAt<V extends {}>(cache: ProcessCache<V>, key: string, now?: number): V | undefined {
  const value = cache.get(key);
  if (value === undefined || now === undefined) return value;
  if (now < Date.now() + cache.getRemainingTTL(key)) return value;
  // Expired by that clock: gone for every later look-up too.
  cache.delete(key);
  return undefined;
}
