// A small bounded cache of token digest → (token, tenant, issuer state), so the hot path of every
// API call usually costs no database round trip. Entries live one second at most, so a change made
// by another instance sharing the database (revoke, role change, deprovisioning) holds within a
// second; on this instance those changes drop the entries at once.
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
  }
}

const cache = ttlCache<CachedToken>("tokenCache", { ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: 10_000 });

export function getCachedToken(digest: string, now = Date.now()): CachedToken | undefined {
  return cache.get(digest, now);
}

export function cacheToken(token: CachedToken, now = Date.now()): void {
  cache.set(token.digest, token, now);
}

export function forgetCachedToken(digest: string): void {
  cache.delete(digest);
}

/** After a role change or (de)provisioning: every token of that user must be looked up afresh. */
export function forgetCachedTokensOfUser(userId: string): void {
  cache.deleteWhere((_digest, token) => token.issuer.id === userId);
}

export function cachedTokenCount(): number {
  return cache.size();
}
