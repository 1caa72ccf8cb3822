// The audit entries of token events, in one shape: which token, who acted, and how the change was made
// (in the portal, through the API, in bulk, by offboarding, by a leaked-credential report, by expiry).
// Written with the client of the change's transaction, like every audit entry.
import { recordAuditEvent, recordAuditEvents, type AuditEntry, type AuditWriter } from "@/lib/audit/record-audit-event";

export type TokenEventAction = "generated" | "rotated" | "revoked" | "expired" | "regenerated" | "reportedLeaked";

/** How the change was made: `ui` the portal, `api` the tokens API, `leak_report` the unauthenticated report, `expiry` time itself. */
export type TokenEventVia = "ui" | "api" | "bulk" | "offboarding" | "leak_report" | "expiry";

export type TokenEvent = {
  tenantId: string;
  action: TokenEventAction;
  token: { id: string; kind: string; name: string; userId?: string };
  /**
   * Who acted: a user (userId), or an application or credential with no user (userId null, label
   * says which, e.g. "app:Terraform"). null when Keyport itself acts (a token that expired, a leak
   * report, whose reporter is named in the details).
   */
  actor: { userId: string | null; label?: string } | null;
  via: TokenEventVia;
  /** More to keep: a rotation's grace period, the reporter's IP, the token's new expiry … */
  details?: Record<string, unknown>;
};

export async function recordTokenEvent(tx: AuditWriter, event: TokenEvent): Promise<void> {
  await recordAuditEvent(tokenAuditEntry(event), tx);
}

/** Many token events of one tenant in one insert. */
export async function recordTokenEvents(tx: AuditWriter, tenantId: string, events: readonly Omit<TokenEvent, "tenantId">[]): Promise<void> {
  await recordAuditEvents(tenantId, events.map((event) => tokenAuditEntry({ ...event, tenantId })), tx);
}

function tokenAuditEntry(event: TokenEvent): AuditEntry {
  return {
    tenantId: event.tenantId,
    actorUserId: event.actor?.userId ?? null,
    actorLabel: event.actor && event.actor.userId === null ? event.actor.label : undefined,
    action: `token.${event.action}`,
    targetType: event.token.kind,
    targetId: event.token.id,
    targetLabel: event.token.name,
    details: { name: event.token.name, via: event.via, ...(event.token.userId ? { issuerId: event.token.userId } : {}), ...(event.details ?? {}) },
  };
}
