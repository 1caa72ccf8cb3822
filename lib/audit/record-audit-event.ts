// Append-only audit trail: who did what, when, in which tenant.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

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

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

/** Pass the transaction when the change and its audit record must land together. */
export async function recordAuditEvent(entry: AuditEntry, tx: Writer = db): Promise<void> {
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
