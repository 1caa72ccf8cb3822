// SIEM agents and log collectors: credentials of a tenant's integrations, managed by full admins
// in their own sections and never shown on the API tokens page. They expire and rotate like API
// tokens, through the same code (lib/tokens/expiry.ts, lib/tokens/rotate-token.ts).
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { IntegrationKind } from "@/lib/integrations/schemas";
import { defaultExpirationDays, expiresSoon, resolveExpiration, type ExpirationChoice } from "@/lib/tokens/expiry";
import { generateToken, type GeneratedToken } from "@/lib/tokens/generate-token";
import { rotatableSelect, rotateTokenRow, type RotatedToken } from "@/lib/tokens/rotate-token";
import { forgetCachedTokenById } from "@/lib/tokens/token-cache";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";

export type IntegrationRow = {
  id: string;
  name: string;
  hint: string;
  sourceType: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expiresSoon: boolean;
  previousValidUntil: string | null;
  lifetimeSeconds: number | null;
  status: TokenStatus;
};

const NO_SUCH_INTEGRATION = "That integration does not exist.";

const liveWhere = (tenantId: string, kind: IntegrationKind) => ({ tenantId, kind, revokedAt: null });

export async function listIntegrations(tenantId: string, kind: IntegrationKind, now = new Date()): Promise<IntegrationRow[]> {
  const rows = await db.apiToken.findMany({
    where: liveWhere(tenantId, kind),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    include: { issuer: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hint: row.hint,
    sourceType: row.sourceType,
    createdBy: row.issuer.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expiresSoon: expiresSoon(row.expiresAt, now),
    previousValidUntil: row.previousValidUntil && row.previousValidUntil > now ? row.previousValidUntil.toISOString() : null,
    lifetimeSeconds: row.lifetimeSeconds,
    status: tokenStatus(row.lastUsedAt, now, row.expiresAt),
  }));
}

/** A new integration with its token, expiring as chosen within the tenant's maximum lifetime (default: 30 days). */
export async function createIntegration(
  actor: UserActor,
  kind: IntegrationKind,
  input: { name: string; sourceType?: string; expiration?: ExpirationChoice },
  now = new Date(),
): Promise<GeneratedToken> {
  const { maxLifetimeDays } = await getTokenPolicy(actor.tenantId);
  const lifetime = resolveExpiration(input.expiration ?? { kind: "days", days: defaultExpirationDays(maxLifetimeDays) }, now, maxLifetimeDays);
  return generateToken({ tenantId: actor.tenantId, userId: actor.userId, kind, name: input.name, sourceType: input.sourceType, ...lifetime, now });
}

/** The live integration of this kind in the actor's tenant; any other id is refused as not existing. */
async function findLiveIntegration(actor: UserActor, kind: IntegrationKind, id: string) {
  const existing = await db.apiToken.findFirst({ where: { ...liveWhere(actor.tenantId, kind), id }, select: rotatableSelect });
  if (!existing) throw new AppError("not_found", NO_SUCH_INTEGRATION);
  return existing;
}

/** A new value for the same integration; the old one keeps working for the grace period, then is refused. */
export async function rotateIntegrationToken(actor: UserActor, kind: IntegrationKind, id: string, options: { graceSeconds: number; now?: Date }): Promise<RotatedToken> {
  const existing = await findLiveIntegration(actor, kind, id);
  return rotateTokenRow(actor, existing, { graceSeconds: options.graceSeconds, now: options.now });
}

/** Deletes an integration: its token is revoked and the row kept for the audit trail. */
export async function deleteIntegration(actor: UserActor, kind: IntegrationKind, id: string): Promise<{ name: string }> {
  const existing = await findLiveIntegration(actor, kind, id);
  await transaction(async (tx) => {
    await tx.apiToken.update({ where: { id, tenantId: actor.tenantId }, data: { revokedAt: new Date(), revokedByUserId: actor.userId } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, action: "integration.deleted", targetType: kind, targetId: id, details: { name: existing.name } }, tx);
  });
  await forgetCachedTokenById(existing.id);
  return { name: existing.name };
}
