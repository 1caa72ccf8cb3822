// A small bounded cache of token digest → (token, tenant, issuer state), so the hot path of every
// API call usually costs no database round trip. A change (revoke, rotation, role change,
// deprovisioning) drops the entries at once on this instance and, through the database's cache
// events, on every other instance of the deployment, and answers only once they have confirmed (or
// have stopped trusting their caches: lib/cache/cache-events.ts). Entries live one second at most.
// Entries carry the token's expiry, chosen scopes and allowed ranges as well; times are kept as
// instants and compared with the clock at each request, so a cached entry never outlives an expiry.
// The tenant's lifetime policy is not kept here: it shapes new tokens and rotations, never whether an
// existing token is accepted.
import { cachesTrusted, publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { dropWhere, liveAt, processCache, type ProcessCache } from "@/lib/cache/process-cache";
import { processState, type Owned } from "@/lib/process-state";
import type { Scope } from "@/lib/permissions";
import type { IpRange } from "@/lib/tokens/ip-allowlist";

export type CachedToken = {
  id: string;
  kind: string;
  name: string;
  /** The digest of the value presented: the token's current one, or the one a rotation replaced. */
  digest: string;
  tenantId: string;
  tenantSlug: string;
  revoked: boolean;
  lastUsedAt: Date | null;
  /** When every use starts being refused (ms since epoch); null: never. */
  expiresAt: number | null;
  /** Set when the presented value was replaced by a rotation: it is accepted until then (ms; null: not at all). */
  replaced: { validUntil: number | null } | null;
  /** Scopes chosen when the token was made; null: all of its issuer's role. */
  chosenScopes: Scope[] | null;
  /** Where it may be used from; empty: anywhere. */
  allowedRanges: IpRange[];
  issuer: { id: string; name: string; email: string; role: string; deprovisioned: boolean };
  /** The service account that owns the token (then its role, not the issuer's, is what the token holds); null: a person's token. */
  serviceAccount: { id: string; name: string; role: string; disabled: boolean; deleted: boolean } | null;
};

export const TOKEN_CACHE_TTL_MS = 1_000;

declare module "@/lib/process-state" {
  interface ProcessState {
    tokenCache: Owned<"lib/tokens/token-cache", ProcessCache<CachedToken>>;
    tokenMisses: Owned<"lib/tokens/token-cache", ProcessCache<true>>;
    tokenCacheGeneration: Owned<"lib/tokens/token-cache", { value: number }>;
  }
}

/**
 * Counts the drops (here or told by another instance). A lookup that read the database before a drop
 * may hold the row as it was before the change: it must not put that row back in the cache.
 */
const generation = processState("tokenCacheGeneration", () => ({ value: 0 }));

/** The drop count when a lookup starts: hand it to cacheToken. */
export function tokenCacheGeneration(): number {
  return generation.value;
}

const cache = processCache<CachedToken>("tokenCache", { ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: 10_000 });

/**
 * Digests that matched no token a moment ago: a forged value with a valid checksum costs one lookup
 * per TTL, not one per request. A token created on this instance drops its digest from here at once
 * (noteTokenCreated); one created by another instance could only be refused for this TTL if its value
 * had been presented before it existed, which 256 random bits rule out.
 */
export const TOKEN_MISS_TTL_MS = 30_000;
const misses = processCache<true>("tokenMisses", { ttlMs: TOKEN_MISS_TTL_MS, maxEntries: 10_000 });

export function isKnownMissingToken(digest: string, now?: number): boolean {
  return liveAt(misses, digest, now) === true;
}

export function rememberMissingToken(digest: string, now?: number): void {
  misses.set(digest, true, { start: now });
}

/** Called wherever a token digest is stored: a cached miss for it must not outlive its creation. */
export function noteTokenCreated(digest: string): void {
  misses.delete(digest);
}

/** The cached entry, unless this instance cannot be sure it has heard of every change (then the caller reads the database). */
export function getCachedToken(digest: string, now?: number): CachedToken | undefined {
  if (!cachesTrusted()) return undefined;
  return liveAt(cache, digest, now);
}

/** Caches a looked-up token, unless something was dropped since the lookup began (`seenGeneration`). */
export function cacheToken(token: CachedToken, seenGeneration: number, now?: number): void {
  if (seenGeneration !== generation.value) return;
  cache.set(token.digest, token, { start: now });
}

function dropping(drop: (key: string) => void): (key: string) => void {
  return (key) => {
    generation.value++;
    drop(key);
  };
}
const dropAll = dropping(() => cache.clear());
const dropUser = dropping((userId) => dropWhere(cache, (_digest, token) => token.issuer.id === userId));
const dropServiceAccount = dropping((serviceAccountId) => dropWhere(cache, (_digest, token) => token.serviceAccount?.id === serviceAccountId));
const dropTokenId = dropping((tokenId) => dropWhere(cache, (_digest, token) => token.id === tokenId));
function dropTokenIds(tokenIds: ReadonlySet<string>): void {
  generation.value++;
  dropWhere(cache, (_digest, token) => tokenIds.has(token.id));
}
registerInvalidation("tokenById", { drop: dropTokenId, dropMany: (ids) => dropTokenIds(new Set(ids)), dropAll: () => dropAll("") });
registerInvalidation("tokensOfUser", { drop: dropUser, dropAll: () => dropAll("") });
registerInvalidation("tokensOfServiceAccount", { drop: dropServiceAccount, dropAll: () => dropAll("") });

// Each of these resolves once every instance holds the change: the call that made it answers after.

/** After a rotation or a revocation: both the current and a replaced value of the token are looked up afresh, here and on every instance. */
export async function forgetCachedTokenById(tokenId: string): Promise<void> {
  await forgetCachedTokensById([tokenId]);
}

/** forgetCachedTokenById for many tokens at once (a leak report, a bulk revoke): one pass over the cache here, one notification and one wait. */
export async function forgetCachedTokensById(tokenIds: readonly string[]): Promise<void> {
  if (tokenIds.length === 0) return;
  const ids = new Set(tokenIds);
  dropTokenIds(ids);
  await publishInvalidation("tokenById", [...ids]);
}

/** After a role change or (de)provisioning: every token of that user must be looked up afresh, here and on every instance. */
export async function forgetCachedTokensOfUser(userId: string): Promise<void> {
  dropUser(userId);
  await publishInvalidation("tokensOfUser", userId);
}

/** After a service account is disabled, enabled or deleted: every token it owns must be looked up afresh, here and on every instance. */
export async function forgetCachedTokensOfServiceAccount(serviceAccountId: string): Promise<void> {
  dropServiceAccount(serviceAccountId);
  await publishInvalidation("tokensOfServiceAccount", serviceAccountId);
}

export function cachedTokenCount(): number {
  return cache.size;
}
