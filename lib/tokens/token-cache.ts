// A small bounded cache of token digest → (token, tenant, issuer state), so the hot path of every
// API call usually costs no database round trip. A change (revoke, rotation, role change,
// deprovisioning) drops the entries at once on this instance and, through the database's cache
// events, on every other instance of the deployment; entries live one second at most, so a change
// holds everywhere within a second even when an event is lost.
import { publishInvalidation, registerInvalidation } from "@/lib/db/cache-events";
import type { Owned } from "@/lib/process-state";
import { ttlCache, type TtlEntries } from "@/lib/ttl-cache";

export type CachedToken = {
  id: string;
  kind: string;
  name: string;
  digest: string;
  tenantId: string;
  tenantSlug: string;
  revoked: boolean;
  lastUsedAt: Date | null;
  issuer: { id: string; name: string; email: string; role: string; deprovisioned: boolean };
};

export const TOKEN_CACHE_TTL_MS = 1_000;

declare module "@/lib/process-state" {
  interface ProcessState {
    tokenCache: Owned<"lib/tokens/token-cache", TtlEntries<CachedToken>>;
    tokenMisses: Owned<"lib/tokens/token-cache", TtlEntries<true>>;
  }
}

const cache = ttlCache<CachedToken>("tokenCache", { ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: 10_000 });

/**
 * Digests that matched no token a moment ago: a forged value with a valid checksum costs one lookup
 * per TTL, not one per request. A token created on this instance drops its digest from here at once
 * (noteTokenCreated); one created by another instance could only be refused for this TTL if its value
 * had been presented before it existed, which 256 random bits rule out.
 */
export const TOKEN_MISS_TTL_MS = 30_000;
const misses = ttlCache<true>("tokenMisses", { ttlMs: TOKEN_MISS_TTL_MS, maxEntries: 10_000 });

export function isKnownMissingToken(digest: string, now = Date.now()): boolean {
  return misses.get(digest, now) === true;
}

export function rememberMissingToken(digest: string, now = Date.now()): void {
  misses.set(digest, true, now);
}

/** Called wherever a token digest is stored: a cached miss for it must not outlive its creation. */
export function noteTokenCreated(digest: string): void {
  misses.delete(digest);
}

export function getCachedToken(digest: string, now = Date.now()): CachedToken | undefined {
  return cache.get(digest, now);
}

export function cacheToken(token: CachedToken, now = Date.now()): void {
  cache.set(token.digest, token, now);
}

const dropUser = (userId: string) => cache.deleteWhere((_digest, token) => token.issuer.id === userId);
registerInvalidation("token", { drop: (digest) => cache.delete(digest), dropAll: () => cache.deleteWhere(() => true) });
registerInvalidation("tokensOfUser", { drop: dropUser, dropAll: () => cache.deleteWhere(() => true) });

/** After the token changed (revoked, rotated): here and on every instance. */
export function forgetCachedToken(digest: string): void {
  cache.delete(digest);
  publishInvalidation("token", digest);
}

/** After a role change or (de)provisioning: every token of that user must be looked up afresh, here and on every instance. */
export function forgetCachedTokensOfUser(userId: string): void {
  dropUser(userId);
  publishInvalidation("tokensOfUser", userId);
}

export function cachedTokenCount(): number {
  return cache.size();
}
