import { crossTenantDb } from "@/lib/db/client";
import { digestToken, parseTokenValue } from "@/lib/tokens/token-format";
import { cacheToken, getCachedToken, isKnownMissingToken, rememberMissingToken, tokenCacheGeneration, type CachedToken } from "@/lib/tokens/token-cache";
import { parseScopesJson } from "@/lib/tokens/token-scopes";
import { compileRanges } from "@/lib/tokens/ip-allowlist";
import { parseJsonList } from "@/lib/tokens/token-rows";

/**
 * The stored token for a presented value, whether it is the token's current value or the one its last
 * rotation replaced (revoked and expired ones included, so the caller can say why it fails), or null
 * when no token has that value. A malformed value or a bad checksum matches nothing, which is known
 * without touching the database, and so, for a short while, is a value that matched no token a moment
 * ago (the misses are cached too).
 */
export async function findTokenByValue(value: string): Promise<CachedToken | null> {
  if (!parseTokenValue(value)) return null;
  const digest = digestToken(value);
  const cached = getCachedToken(digest);
  if (cached) return cached;
  if (isKnownMissingToken(digest)) return null;
  const generation = tokenCacheGeneration();
  // Cross-tenant by design: the presented token decides the tenant, so no tenant is known yet.
  // Both digests are unique columns: one query, answered from their two indexes.
  const row = await crossTenantDb.apiToken.findFirst({
    where: { OR: [{ digest }, { previousDigest: digest }] },
    include: {
      tenant: { select: { slug: true } },
      issuer: { select: { id: true, name: true, email: true, role: true, deprovisionedAt: true } },
      serviceAccount: { select: { id: true, name: true, role: true, disabledAt: true, deletedAt: true } },
    },
  });
  if (!row) {
    rememberMissingToken(digest);
    return null;
  }
  const token: CachedToken = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    digest,
    tenantId: row.tenantId,
    tenantSlug: row.tenant.slug,
    revoked: row.revokedAt != null,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt?.getTime() ?? null,
    replaced: row.digest === digest ? null : { validUntil: row.previousValidUntil?.getTime() ?? null },
    chosenScopes: parseScopesJson(row.scopesJson),
    allowedRanges: compileRanges(parseJsonList(row.allowedIpsJson)),
    issuer: { id: row.issuer.id, name: row.issuer.name, email: row.issuer.email, role: row.issuer.role, deprovisioned: row.issuer.deprovisionedAt != null },
    serviceAccount: row.serviceAccount
      ? { id: row.serviceAccount.id, name: row.serviceAccount.name, role: row.serviceAccount.role, disabled: row.serviceAccount.disabledAt != null, deleted: row.serviceAccount.deletedAt != null }
      : null,
  };
  cacheToken(token, generation);
  return token;
}
