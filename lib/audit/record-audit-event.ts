// Append-only audit trail: who did what, when, in which tenant.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";

export type AuditEntry = {
  tenantId: string;
  actorUserId: string | null;
  /** Who acted, in words: kept in the details, so changes made by an application (no user) say which. */
  actorLabel?: string;
  action: string;
  targetType: string;
  targetId: string;
  /**
   * The target's name as people know it (a token's name, a user's email). When omitted it is taken from
   * the details' `name` or `email`, which most entries carry.
   */
  targetLabel?: string | null;
  details?: Record<string, unknown>;
};

export type AuditWriter = Pick<Tx, "auditEvent">;

const LABEL_MAX = 200;

/** The name an entry shows for its target: the one given, or the details' name or email. */
export function targetLabelOf(entry: Pick<AuditEntry, "targetLabel" | "details">): string | null {
  const candidate = entry.targetLabel ?? entry.details?.name ?? entry.details?.email ?? entry.details?.app;
  return typeof candidate === "string" && candidate.trim() !== "" ? candidate.slice(0, LABEL_MAX) : null;
}

/**
 * Writes one entry with the given client: the transaction of the change it records, so both land
 * together, or `db` for an entry that stands alone. There is no default on purpose: a plain `db`
 * write issued inside an open transaction would wait behind that transaction on SQLite.
 */
export async function recordAuditEvent(entry: AuditEntry, tx: AuditWriter): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(entry) });
}

/** Many entries of one tenant in one insert (a leak report revoking many tokens), with the change's client. */
export async function recordAuditEvents(tenantId: string, entries: readonly Omit<AuditEntry, "tenantId">[], tx: AuditWriter): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({ data: entries.map((entry) => auditRow({ ...entry, tenantId })) });
}

function auditRow(entry: AuditEntry) {
  return {
    id: randomUUID(),
    tenantId: entry.tenantId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetLabel: targetLabelOf(entry),
    details: JSON.stringify({ ...(entry.details ?? {}), ...(entry.actorLabel ? { actor: entry.actorLabel } : {}) }),
  };
}
