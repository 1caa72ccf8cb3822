import { crossTenantDb } from "@/lib/db/client";
import { digestToken, parseTokenValue } from "@/lib/tokens/token-format";
import { cacheToken, getCachedToken, isKnownMissingToken, rememberMissingToken, type CachedToken } from "@/lib/tokens/token-cache";

/**
 * The stored token for a presented value (revoked ones included, so the caller can say why it fails),
 * or null when no token has that value. A malformed value or a bad checksum matches nothing, which
 * is known without touching the database, and so, for a short while, is a value that matched no token
 * a moment ago (the misses are cached too).
 */
export async function findTokenByValue(value: string): Promise<CachedToken | null> {
  if (!parseTokenValue(value)) return null;
  const digest = digestToken(value);
  const cached = getCachedToken(digest);
  if (cached) return cached;
  if (isKnownMissingToken(digest)) return null;
  // Cross-tenant by design: the presented token decides the tenant, so no tenant is known yet.
  const row = await crossTenantDb.apiToken.findUnique({
    where: { digest },
    include: {
      tenant: { select: { slug: true } },
      issuer: { select: { id: true, name: true, email: true, role: true, deprovisionedAt: true } },
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
    digest: row.digest,
    tenantId: row.tenantId,
    tenantSlug: row.tenant.slug,
    revoked: row.revokedAt != null,
    lastUsedAt: row.lastUsedAt,
    issuer: { id: row.issuer.id, name: row.issuer.name, email: row.issuer.email, role: row.issuer.role, deprovisioned: row.issuer.deprovisionedAt != null },
  };
  cacheToken(token);
  return token;
}
