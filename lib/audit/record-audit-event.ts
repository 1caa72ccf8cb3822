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
  details?: Record<string, unknown>;
};

type Writer = Pick<Tx, "auditEvent">;

/**
 * Writes one entry with the given client: the transaction of the change it records, so both land
 * together, or `db` for an entry that stands alone. There is no default on purpose: a plain `db`
 * write issued inside an open transaction would wait behind that transaction on SQLite.
 */
export async function recordAuditEvent(entry: AuditEntry, tx: Writer): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: randomUUID(),
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: JSON.stringify({ ...(entry.details ?? {}), ...(entry.actorLabel ? { actor: entry.actorLabel } : {}) }),
    },
  });
}
