// A small bounded cache of token digest → (token, tenant, issuer state), so the hot path of every
// API call usually costs no database round trip. Entries live one second at most, so a change made
// by another instance sharing the database (revoke, role change, deprovisioning) holds within a
// second; on this instance those changes drop the entries at once.
import { processState } from "@/lib/process-state";

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

const MAX_ENTRIES = 10_000;
export const TOKEN_CACHE_TTL_MS = 1_000;

const entries = processState("tokenCache", () => new Map<string, { token: CachedToken; expiresAt: number }>());

export function getCachedToken(digest: string, now = Date.now()): CachedToken | undefined {
  const entry = entries.get(digest);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    entries.delete(digest);
    return undefined;
  }
  return entry.token;
}

export function cacheToken(token: CachedToken, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(token.digest, { token, expiresAt: now + TOKEN_CACHE_TTL_MS });
}

export function forgetCachedToken(digest: string): void {
  entries.delete(digest);
}

/** After a role change or (de)provisioning: every token of that user must be looked up afresh. */
export function forgetCachedTokensOfUser(userId: string): void {
  for (const [digest, entry] of entries) if (entry.token.issuer.id === userId) entries.delete(digest);
}

export function cachedTokenCount(): number {
  return entries.size;
}
