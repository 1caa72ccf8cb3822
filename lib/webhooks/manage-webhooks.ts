// Webhooks of a tenant, for its full admins: list, add (the signing secret is shown once), delete,
// send a test event, and read the delivery log. Every query names the admin's tenant; a webhook of
// another tenant is refused as one that does not exist. Adding and deleting are audited.
import { randomUUID } from "node:crypto";
import { createLimiter } from "@/lib/db/rate-limiters";
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { enqueueTestEvent } from "@/lib/webhooks/enqueue-event";
import { parseEventTypes, type WebhookEventType } from "@/lib/webhooks/events";
import { newSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";
import { NO_SUCH_WEBHOOK } from "@/lib/webhooks/schemas";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type WebhookRow = {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  createdAt: string;
  lastDelivery: { status: DeliveryStatus; eventType: string; attempts: number; statusCode: number | null; at: string } | null;
};

const noSuchWebhook = () => new AppError("not_found", NO_SUCH_WEBHOOK);

export async function listWebhooks(tenantId: string): Promise<WebhookRow[]> {
  const webhooks = await db.webhook.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const latest = await Promise.all(
    webhooks.map((webhook) => db.webhookDelivery.findFirst({ where: { tenantId, webhookId: webhook.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })),
  );
  return webhooks.map((webhook, index) => {
    const delivery = latest[index];
    return {
      id: webhook.id,
      url: webhook.url,
      description: webhook.description,
      events: parseEventTypes(webhook.eventsJson),
      createdAt: webhook.createdAt.toISOString(),
      lastDelivery: delivery
        ? { status: delivery.status as DeliveryStatus, eventType: delivery.eventType, attempts: delivery.attemptCount, statusCode: delivery.lastStatusCode, at: (delivery.completedAt ?? delivery.createdAt).toISOString() }
        : null,
    };
  });
}

/** Webhooks a tenant may have: each one's deliveries share the delivery workers with every other tenant's. */
export const MAX_WEBHOOKS_PER_TENANT = 20;

/** Adds a webhook and returns its signing secret: the only time the secret leaves Keyport. */
export async function createWebhook(
  actor: UserActor,
  input: { url: string; description: string; events: WebhookEventType[] },
  appSecret: string,
): Promise<{ id: string; url: string; secret: string }> {
  const secret = newSigningSecret();
  const id = randomUUID();
  await transaction(async (tx) => {
    if ((await tx.webhook.count({ where: { tenantId: actor.tenantId } })) >= MAX_WEBHOOKS_PER_TENANT) {
      throw new AppError("conflict", `A tenant can have at most ${MAX_WEBHOOKS_PER_TENANT} webhooks: delete one first.`);
    }
    await tx.webhook.create({
      data: { id, tenantId: actor.tenantId, url: input.url, description: input.description, eventsJson: JSON.stringify(input.events), secretEnc: sealSigningSecret(secret, appSecret), createdById: actor.userId },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "webhook.created", targetType: "WEBHOOK", targetId: id, targetLabel: input.url, details: { url: input.url, events: input.events } },
      tx,
    );
  });
  return { id, url: input.url, secret };
}

async function tenantWebhook(actor: UserActor, webhookId: string) {
  const webhook = await db.webhook.findFirst({ where: { id: webhookId, tenantId: actor.tenantId } });
  if (!webhook) throw noSuchWebhook();
  return webhook;
}

/** Deletes a webhook with its delivery log; deliveries not yet made are dropped. */
export async function deleteWebhook(actor: UserActor, webhookId: string): Promise<{ url: string }> {
  return transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, tenantId: actor.tenantId } });
    if (!webhook) throw noSuchWebhook();
    const deliveries = { tenantId: actor.tenantId, webhookId: webhook.id };
    const deliveryIds = (await tx.webhookDelivery.findMany({ where: deliveries, select: { id: true } })).map((row) => row.id);
    await tx.webhookAttempt.deleteMany({ where: { tenantId: actor.tenantId, deliveryId: { in: deliveryIds } } });
    await tx.webhookDelivery.deleteMany({ where: deliveries });
    await tx.webhook.deleteMany({ where: { id: webhook.id, tenantId: actor.tenantId } });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "webhook.deleted", targetType: "WEBHOOK", targetId: webhook.id, targetLabel: webhook.url, details: { url: webhook.url } },
      tx,
    );
    return { url: webhook.url };
  });
}

/**
 * Test events a webhook may be sent a minute. The delivery workers serve every tenant: an endpoint
 * that never answers holds a worker's slot for the whole delivery timeout, so one tenant must not be
 * able to queue test events without end.
 */
export const TEST_EVENTS_PER_MINUTE = 10;

/** Queues a test event for one webhook; the delivery log shows how it went. */
export async function sendTestEvent(actor: UserActor, webhookId: string): Promise<{ messageId: string; url: string }> {
  const webhook = await tenantWebhook(actor, webhookId);
  const verdict = await createLimiter({ keyPrefix: "webhook-test-events", points: TEST_EVENTS_PER_MINUTE, duration: 60 }).consume(webhook.id);
  if (!verdict.allowed) {
    throw new AppError("rate_limited", `At most ${TEST_EVENTS_PER_MINUTE} test events a minute per webhook: try again in ${verdict.retryAfterSeconds} s.`, {
      headers: { "Retry-After": String(verdict.retryAfterSeconds) },
    });
  }
  const messageId = await enqueueTestEvent(db, { id: webhook.id, tenantId: actor.tenantId }, actor.label);
  return { messageId, url: webhook.url };
}

export type DeliveryAttemptRow = { number: number; startedAt: string; statusCode: number | null; durationMs: number; error: string | null; responseExcerpt: string | null };

export type DeliveryRow = {
  id: string;
  eventType: string;
  status: DeliveryStatus;
  createdAt: string;
  completedAt: string | null;
  nextAttemptAt: string | null;
  attemptCount: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  attempts: DeliveryAttemptRow[];
};

export const DELIVERY_LOG_SIZE = 50;

/** A webhook and its newest deliveries, each with every attempt made. */
export async function webhookDeliveryLog(tenantId: string, webhookId: string): Promise<{ webhook: WebhookRow; deliveries: DeliveryRow[] }> {
  const webhook = await db.webhook.findFirst({ where: { id: webhookId, tenantId } });
  if (!webhook) throw noSuchWebhook();
  const deliveries = await db.webhookDelivery.findMany({
    where: { tenantId, webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_LOG_SIZE,
  });
  const attempts = deliveries.length
    ? await db.webhookAttempt.findMany({ where: { tenantId, deliveryId: { in: deliveries.map((row) => row.id) } }, orderBy: [{ deliveryId: "asc" }, { number: "asc" }] })
    : [];
  const attemptsOf = new Map<string, DeliveryAttemptRow[]>();
  for (const attempt of attempts) {
    const list = attemptsOf.get(attempt.deliveryId) ?? [];
    list.push({ number: attempt.number, startedAt: attempt.startedAt.toISOString(), statusCode: attempt.statusCode, durationMs: attempt.durationMs, error: attempt.error, responseExcerpt: attempt.responseExcerpt });
    attemptsOf.set(attempt.deliveryId, list);
  }
  const last = deliveries[0];
  return {
    webhook: {
      id: webhook.id,
      url: webhook.url,
      description: webhook.description,
      events: parseEventTypes(webhook.eventsJson),
      createdAt: webhook.createdAt.toISOString(),
      lastDelivery: last ? { status: last.status as DeliveryStatus, eventType: last.eventType, attempts: last.attemptCount, statusCode: last.lastStatusCode, at: (last.completedAt ?? last.createdAt).toISOString() } : null,
    },
    deliveries: deliveries.map((row) => ({
      id: row.id,
      eventType: row.eventType,
      status: row.status as DeliveryStatus,
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      attemptCount: row.attemptCount,
      lastStatusCode: row.lastStatusCode,
      lastDurationMs: row.lastDurationMs,
      lastError: row.lastError,
      attempts: attemptsOf.get(row.id) ?? [],
    })),
  };
}
