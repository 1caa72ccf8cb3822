// A small bounded cache whose entries live a fixed time, one per server process (see process-state).
// The API guard's caches of tokens and of apps' standing are built on it: entries are dropped at once
// by changes made on this instance, and expire within the TTL for changes made by another instance.
// A cache's entries are process state: its owner declares the name with the entries' type, e.g.
//   declare module "@/lib/process-state" {
//     interface ProcessState { tokenCache: Owned<"lib/tokens/token-cache", TtlEntries<CachedToken>> }
//   }
import { processState, type ProcessStateNameFor } from "@/lib/process-state";

/** What a cache keeps in process state. */
export type TtlEntries<V> = Map<string, { value: V; expiresAt: number }>;

export type TtlCache<V> = {
  /** The live value, or undefined when absent or expired (a cached `null` is a cached answer). */
  get(key: string, now?: number): V | undefined;
  set(key: string, value: V, now?: number): void;
  delete(key: string): void;
  /** Drops every entry whose key or value matches. */
  deleteWhere(match: (key: string, value: V) => boolean): void;
  size(): number;
};

/** The cache kept in process state under `name`, which must be declared as holding TtlEntries<V>. */
export function ttlCache<V>(name: ProcessStateNameFor<TtlEntries<V>>, options: { ttlMs: number; maxEntries: number }): TtlCache<V> {
  // The signature has checked that `name` holds TtlEntries<V>; TypeScript cannot follow that through a generic name.
  const entries = processState(name, () => new Map() as never) as TtlEntries<V>;
  return {
    get(key, now = Date.now()) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, now = Date.now()) {
      if (!entries.has(key) && entries.size >= options.maxEntries) {
        // Maps iterate in insertion order: drop the oldest entry.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { value, expiresAt: now + options.ttlMs });
    },
    delete(key) {
      entries.delete(key);
    },
    deleteWhere(match) {
      for (const [key, entry] of entries) if (match(key, entry.value)) entries.delete(key);
    },
    size: () => entries.size,
  };
}
