// SIEM agents and log collectors: credentials of a tenant's integrations, managed by full admins
// in their own sections and never shown on the API tokens page.
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateToken } from "@/lib/tokens/generate-token";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";
import { forgetCachedToken } from "@/lib/tokens/token-cache";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";

export const INTEGRATION_KINDS = ["SIEM_AGENT", "LOG_COLLECTOR"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const LOG_COLLECTOR_SOURCES = ["Check Point", "Cisco ASA", "Fortinet FortiGate", "Palo Alto Networks", "Squid", "Zscaler", "Generic CEF"] as const;

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

type Actor = { id: string; tenantId: string };

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

export async function createIntegration(actor: Actor, kind: IntegrationKind, input: { name: string; sourceType?: string }) {
  return generateToken({ tenantId: actor.tenantId, userId: actor.id, kind, name: input.name, sourceType: input.sourceType });
}

/** A new value for the same integration; the old one stops working at once. Null when there is no such integration in the tenant. */
export async function regenerateIntegrationToken(actor: Actor, kind: IntegrationKind, id: string): Promise<{ name: string; value: string } | null> {
  const existing = await db.apiToken.findFirst({ where: { ...liveWhere(actor.tenantId, kind), id } });
  if (!existing) return null;
  const value = newTokenValue(kind);
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({
      where: { id },
      data: { digest: digestToken(value), hint: tokenHint(value), lastUsedAt: null, lastUsedIp: null, lastUsedAgent: null },
    });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.id, action: "token.regenerated", targetType: kind, targetId: id, details: { name: existing.name } }, tx);
  });
  forgetCachedToken(existing.digest);
  return { name: existing.name, value };
}

/** Deletes an integration: its token is revoked and the row kept for the audit trail. */
export async function deleteIntegration(actor: Actor, kind: IntegrationKind, id: string): Promise<{ name: string } | null> {
  const existing = await db.apiToken.findFirst({ where: { ...liveWhere(actor.tenantId, kind), id } });
  if (!existing) return null;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedByUserId: actor.id } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.id, action: "integration.deleted", targetType: kind, targetId: id, details: { name: existing.name } }, tx);
  });
  forgetCachedToken(existing.digest);
  return { name: existing.name };
}
