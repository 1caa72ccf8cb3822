import type { ApiPrincipal } from "@/lib/api/authenticate-request";

/** Who changes a resource: written to the row (label) and to the audit trail (user id, when a user). */
export type Actor = { tenantId: string; userId: string | null; label: string };

export function actorOf(principal: ApiPrincipal): Actor {
  return { tenantId: principal.tenant.id, userId: principal.actor.userId, label: principal.actor.label };
}
