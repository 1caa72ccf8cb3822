// Writing an event to the webhooks outbox: one row per webhook of the tenant that receives this type
// of event, in the transaction of the change the event reports. The change and its event commit
// together or not at all, and the delivery worker sends them afterwards, at least once, whatever
// restarts in between.
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { parseEventTypes, TEST_EVENT_TYPE, type WebhookEventType } from "@/lib/webhooks/events";
import { signalOutboxWrite } from "@/lib/webhooks/outbox-signal";

/** The transaction of the change (or `db` for an event that stands alone). */
export type OutboxWriter = Pick<Tx, "webhook" | "webhookDelivery">;

export type WebhookEvent = {
  tenantId: string;
  type: WebhookEventType;
  /** The event's own fields; the tenant id is added. */
  data: Record<string, unknown>;
  /** When it happened; default now. */
  occurredAt?: Date;
};

/** A webhook message id (the webhook-id header): unique per event and webhook, the same on every attempt. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The body every receiver gets: the Standard Webhooks envelope, `{type, timestamp, data}`. */
export function eventBody(type: string, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

/**
 * Queues `event` for every webhook of its tenant that receives its type, with the client of the
 * change's transaction. Returns how many deliveries were queued (0 when no webhook wants it).
 */
export async function enqueueWebhookEvent(tx: OutboxWriter, event: WebhookEvent): Promise<number> {
  const webhooks = await tx.webhook.findMany({ where: { tenantId: event.tenantId }, select: { id: true, eventsJson: true } });
  const receivers = webhooks.filter((webhook) => parseEventTypes(webhook.eventsJson).includes(event.type));
  if (receivers.length === 0) return 0;
  const occurredAt = event.occurredAt ?? new Date();
  const payload = eventBody(event.type, occurredAt, { tenantId: event.tenantId, ...event.data });
  await tx.webhookDelivery.createMany({
    data: receivers.map((webhook) => ({ id: newMessageId(), tenantId: event.tenantId, webhookId: webhook.id, eventType: event.type, payload, nextAttemptAt: occurredAt, createdAt: occurredAt })),
  });
  signalOutboxWrite();
  return receivers.length;
}

/**
 * Queues many events of one tenant at once (a leak report revoking many of its tokens): one look-up of
 * the tenant's webhooks and one insert, whatever the number of events. Returns the deliveries queued.
 */
export async function enqueueWebhookEvents(tx: OutboxWriter, tenantId: string, events: readonly Omit<WebhookEvent, "tenantId">[]): Promise<number> {
  if (events.length === 0) return 0;
  const webhooks = await tx.webhook.findMany({ where: { tenantId }, select: { id: true, eventsJson: true } });
  const rows = events.flatMap((event) => {
    const receivers = webhooks.filter((webhook) => parseEventTypes(webhook.eventsJson).includes(event.type));
    const occurredAt = event.occurredAt ?? new Date();
    const payload = eventBody(event.type, occurredAt, { tenantId, ...event.data });
    return receivers.map((webhook) => ({ id: newMessageId(), tenantId, webhookId: webhook.id, eventType: event.type, payload, nextAttemptAt: occurredAt, createdAt: occurredAt }));
  });
  if (rows.length === 0) return 0;
  await tx.webhookDelivery.createMany({ data: rows });
  signalOutboxWrite();
  return rows.length;
}

/** "Send test event": one delivery to one webhook, whatever events it receives. */
export async function enqueueTestEvent(tx: OutboxWriter, webhook: { id: string; tenantId: string }, sentBy: string): Promise<string> {
  const occurredAt = new Date();
  const id = newMessageId();
  await tx.webhookDelivery.create({
    data: {
      id,
      tenantId: webhook.tenantId,
      webhookId: webhook.id,
      eventType: TEST_EVENT_TYPE,
      payload: eventBody(TEST_EVENT_TYPE, occurredAt, { tenantId: webhook.tenantId, webhookId: webhook.id, sentBy, message: "A test event from Keyport: your endpoint receives and verifies webhooks." }),
      nextAttemptAt: occurredAt,
      createdAt: occurredAt,
    },
  });
  signalOutboxWrite();
  return id;
}

/** What a token event tells a receiver about the token (never its value or digest). */
export function tokenEventData(
  token: { id: string; name: string; kind: string; userId?: string; issuerEmail?: string | null; expiresAt?: Date | null; serviceAccount?: { id: string; name: string } | null },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    token: {
      id: token.id,
      name: token.name,
      kind: token.kind,
      ...(token.userId ? { issuerId: token.userId } : {}),
      ...(token.issuerEmail ? { issuerEmail: token.issuerEmail } : {}),
      ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt?.toISOString() ?? null } : {}),
      // The owner of a service account's token (issuerId is then the person who made it).
      ...(token.serviceAccount ? { serviceAccount: { id: token.serviceAccount.id, name: token.serviceAccount.name } } : {}),
    },
    ...extra,
  };
}
