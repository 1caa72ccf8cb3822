// Webhooks of a tenant, for its full admins: list, add (the signing secret is shown once), delete,
// change one's URL, description and events, send a test event, resume one the delivery worker paused,
// and read the delivery log. Every query names the admin's tenant; a webhook of another tenant is
// refused as one that does not exist. Adding, changing and deleting are audited.
import { randomUUID } from "node:crypto";
import { createLimiter } from "@/lib/rate-limit/limiters";
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { RETRY_WINDOW_MS } from "@/lib/webhooks/backoff";
import { readableDeliveryError } from "@/lib/webhooks/deliver-message";
import { enqueueTestEvent } from "@/lib/webhooks/enqueue-event";
import { signalOutboxWrite } from "@/lib/webhooks/outbox-signal";
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
  /** Set when the delivery worker paused it after failures in a row: since when, and the last failure. */
  paused: { since: string; reason: string } | null;
  /** Failed attempts in a row so far (0 once it answers 2xx). */
  failureStreak: number;
};

type StoredWebhook = { id: string; url: string; description: string; eventsJson: string; createdAt: Date; pausedAt: Date | null; pausedReason: string | null; failureStreak: number };
type StoredDelivery = { status: string; eventType: string; attemptCount: number; lastStatusCode: number | null; completedAt: Date | null; createdAt: Date };

function webhookRow(webhook: StoredWebhook, delivery: StoredDelivery | null | undefined): WebhookRow {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    events: parseEventTypes(webhook.eventsJson),
    createdAt: webhook.createdAt.toISOString(),
    lastDelivery: delivery
      ? { status: delivery.status as DeliveryStatus, eventType: delivery.eventType, attempts: delivery.attemptCount, statusCode: delivery.lastStatusCode, at: (delivery.completedAt ?? delivery.createdAt).toISOString() }
      : null,
    paused: webhook.pausedAt ? { since: webhook.pausedAt.toISOString(), reason: readableDeliveryError(webhook.pausedReason) ?? "The endpoint did not answer 2xx." } : null,
    failureStreak: webhook.failureStreak,
  };
}

const noSuchWebhook = () => new AppError("not_found", NO_SUCH_WEBHOOK);

export async function listWebhooks(tenantId: string): Promise<WebhookRow[]> {
  const webhooks = await db.webhook.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const latest = await Promise.all(
    webhooks.map((webhook) => db.webhookDelivery.findFirst({ where: { tenantId, webhookId: webhook.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })),
  );
  return webhooks.map((webhook, index) => webhookRow(webhook, latest[index]));
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

/**
 * Changes a webhook's URL, description and events (validated as when adding; its signing secret stays).
 * Deliveries not yet made go to the new URL; events already queued are still sent. Audited with what
 * changed; saving without a change writes nothing.
 */
export async function updateWebhook(
  actor: UserActor,
  webhookId: string,
  input: { url: string; description: string; events: WebhookEventType[] },
): Promise<{ url: string; changed: boolean }> {
  return transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, tenantId: actor.tenantId } });
    if (!webhook) throw noSuchWebhook();
    const before = { url: webhook.url, description: webhook.description, events: parseEventTypes(webhook.eventsJson) };
    const changed = before.url !== input.url || before.description !== input.description || before.events.join() !== input.events.join();
    if (!changed) return { url: input.url, changed: false };
    await tx.webhook.updateMany({ where: { id: webhook.id, tenantId: actor.tenantId }, data: { url: input.url, description: input.description, eventsJson: JSON.stringify(input.events) } });
    await recordAuditEvent(
      {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "webhook.updated",
        targetType: "WEBHOOK",
        targetId: webhook.id,
        targetLabel: input.url,
        details: {
          url: input.url,
          events: input.events,
          ...(before.url !== input.url ? { previousUrl: before.url } : {}),
          ...(before.events.join() !== input.events.join() ? { previousEvents: before.events } : {}),
          ...(before.description !== input.description ? { description: input.description, previousDescription: before.description } : {}),
        },
      },
      tx,
    );
    return { url: input.url, changed: true };
  });
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

/** Held deliveries older than this are given up when a paused webhook is resumed, as any retry past it would be. */
const GIVEN_UP_WHILE_PAUSED = "Given up: the webhook was paused for longer than the 24-hour retry window.";

/**
 * Resumes a webhook the delivery worker paused: its failure count starts again from zero and the
 * deliveries held meanwhile are sent (those queued more than 24 hours ago are given up). Audited.
 * Resuming one that is not paused changes nothing.
 */
export async function resumeWebhook(actor: UserActor, webhookId: string, now = new Date()): Promise<{ url: string; resumed: boolean }> {
  const result = await transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, tenantId: actor.tenantId } });
    if (!webhook) throw noSuchWebhook();
    if (!webhook.pausedAt) return { url: webhook.url, resumed: false };
    // Conditional, so that two admins resuming at once make one change (and one audit entry).
    const resumed = await tx.webhook.updateMany({
      where: { id: webhook.id, tenantId: actor.tenantId, pausedAt: { not: null } },
      data: { pausedAt: null, pausedReason: null, failureStreak: 0, retryAt: null },
    });
    if (resumed.count === 0) return { url: webhook.url, resumed: false };
    const stale = await tx.webhookDelivery.updateMany({
      where: { tenantId: actor.tenantId, webhookId: webhook.id, status: "pending", createdAt: { lt: new Date(now.getTime() - RETRY_WINDOW_MS) } },
      data: { status: "failed", completedAt: now, lastError: GIVEN_UP_WHILE_PAUSED },
    });
    await recordAuditEvent(
      {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "webhook.resumed",
        targetType: "WEBHOOK",
        targetId: webhook.id,
        targetLabel: webhook.url,
        details: { url: webhook.url, pausedAt: webhook.pausedAt.toISOString(), reason: webhook.pausedReason, givenUp: stale.count },
      },
      tx,
    );
    return { url: webhook.url, resumed: true };
  });
  if (result.resumed) signalOutboxWrite();
  return result;
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
    list.push({ number: attempt.number, startedAt: attempt.startedAt.toISOString(), statusCode: attempt.statusCode, durationMs: attempt.durationMs, error: readableDeliveryError(attempt.error), responseExcerpt: attempt.responseExcerpt });
    attemptsOf.set(attempt.deliveryId, list);
  }
  return {
    webhook: webhookRow(webhook, deliveries[0]),
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
      lastError: readableDeliveryError(row.lastError),
      attempts: attemptsOf.get(row.id) ?? [],
    })),
  };
}
