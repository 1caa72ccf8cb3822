import { db } from "@/lib/db/client";

export type AuditRow = { id: string; at: string; actor: string; action: string; target: string; details: string };

/** The newest events of a tenant, with the acting user's email (or "system"). */
export async function listAuditEvents(tenantId: string, limit = 200): Promise<AuditRow[]> {
  const events = await db.auditEvent.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: limit });
  const actorIds = [...new Set(events.map((event) => event.actorUserId).filter((id): id is string => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds }, tenantId }, select: { id: true, email: true } });
  const emailOf = new Map(actors.map((actor) => [actor.id, actor.email]));
  return events.map((event) => ({
    id: event.id,
    at: event.createdAt.toISOString(),
    actor: event.actorUserId ? (emailOf.get(event.actorUserId) ?? "a removed user") : (actorLabelOf(event.details) ?? "system"),
    action: event.action,
    target: `${event.targetType} ${event.targetId}`,
    details: event.details === "{}" ? "" : event.details,
  }));
}

function actorLabelOf(details: string): string | undefined {
  try {
    const parsed = JSON.parse(details) as { actor?: unknown };
    return typeof parsed.actor === "string" ? parsed.actor : undefined;
  } catch {
    return undefined;
  }
}
