// SIEM agents and log collectors: credentials of a tenant's integrations, managed by full admins
// in their own sections and never shown on the API tokens page.
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { IntegrationKind } from "@/lib/integrations/schemas";
import { generateToken, type GeneratedToken } from "@/lib/tokens/generate-token";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";
import { forgetCachedToken, noteTokenCreated } from "@/lib/tokens/token-cache";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";

export type IntegrationRow = {
  id: string;
  name: string;
  hint: string;
  sourceType: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  status: TokenStatus;
};

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
    status: tokenStatus(row.lastUsedAt, now),
  }));
}

export async function createIntegration(actor: UserActor, kind: IntegrationKind, input: { name: string; sourceType?: string }): Promise<GeneratedToken> {
  return generateToken({ tenantId: actor.tenantId, userId: actor.userId, kind, name: input.name, sourceType: input.sourceType });
}

/** The live integration of this kind in the actor's tenant; any other id is refused as not existing. */
async function findLiveIntegration(actor: UserActor, kind: IntegrationKind, id: string) {
  const existing = await db.apiToken.findFirst({ where: { ...liveWhere(actor.tenantId, kind), id } });
  if (!existing) throw new AppError("not_found", "That integration does not exist.");
  return existing;
}

/** A new value for the same integration; the old one stops working at once. */
export async function regenerateIntegrationToken(actor: UserActor, kind: IntegrationKind, id: string): Promise<{ name: string; value: string }> {
  const existing = await findLiveIntegration(actor, kind, id);
  const value = newTokenValue(kind);
  await transaction(async (tx) => {
    await tx.apiToken.update({
      where: { id, tenantId: actor.tenantId },
      data: { digest: digestToken(value), hint: tokenHint(value), lastUsedAt: null, lastUsedIp: null, lastUsedAgent: null },
    });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, action: "token.regenerated", targetType: kind, targetId: id, details: { name: existing.name } }, tx);
  });
  forgetCachedToken(existing.digest);
  noteTokenCreated(digestToken(value));
  return { name: existing.name, value };
}

/** Deletes an integration: its token is revoked and the row kept for the audit trail. */
export async function deleteIntegration(actor: UserActor, kind: IntegrationKind, id: string): Promise<{ name: string }> {
  const existing = await findLiveIntegration(actor, kind, id);
  await transaction(async (tx) => {
    await tx.apiToken.update({ where: { id, tenantId: actor.tenantId }, data: { revokedAt: new Date(), revokedByUserId: actor.userId } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, action: "integration.deleted", targetType: kind, targetId: id, details: { name: existing.name } }, tx);
  });
  forgetCachedToken(existing.digest);
  return { name: existing.name };
}
