// The delivery worker: runs in each server process and sends the outbox's due deliveries. Each
// endpoint (webhook) is served by one worker at a time, one delivery after another (claim-deliveries.ts),
// while different endpoints are served side by side, up to a cap per process and a smaller one per
// tenant: an endpoint that hangs or fails holds one slot and delays only its own deliveries. After a
// failure the endpoint as a whole backs off (exponential, like a delivery's retries), and after
// KEYPORT_WEBHOOK_PAUSE_AFTER_FAILURES failed attempts in a row it is paused until an admin resumes it
// (audited). A delivery is retried with backoff until 24 hours after the event. Every step is in the
// database, so a restart loses nothing: work claimed by a process that died is claimed again when its
// lease runs out.
import { randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { nextAttemptAfterFailure, retryBaseMs, retryDelayMs } from "@/lib/webhooks/backoff";
import { claimEndpoint, claimNextDelivery, releaseEndpoint, renewEndpoint, type ClaimedDelivery, type ClaimedEndpoint } from "@/lib/webhooks/claim-deliveries";
import { deliverMessage, DELIVERY_TIMEOUT_MS, type AttemptOutcome } from "@/lib/webhooks/deliver-message";
import { onOutboxWrite } from "@/lib/webhooks/outbox-signal";
import { openSigningSecret } from "@/lib/webhooks/signing-secret";
import { config } from "@/lib/config";

export type DeliveryWorkerOptions = {
  /** The app secret, then the ones it replaced: webhook secrets sealed with any of them still open. */
  appSecrets: readonly string[];
  /** How often to look for due deliveries when nothing nudges the worker. */
  pollMs?: number;
  /** How long a claim holds; longer than one attempt can take. */
  leaseMs?: number;
  /** Endpoints this process sends to at the same time (KEYPORT_WEBHOOK_CONCURRENCY, default 16). */
  concurrency?: number;
  /** Of those, at most this many of one tenant's (default a quarter of the cap, at least 1). */
  tenantConcurrency?: number;
  /** Failed attempts in a row that pause an endpoint (KEYPORT_WEBHOOK_PAUSE_AFTER_FAILURES, default 12). */
  pauseAfterFailures?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  workerId?: string;
  now?: () => Date;
  random?: () => number;
};

export type DeliveryWorker = {
  readonly id: string;
  /** Sends everything due now (each endpoint's turn to its end) and resolves with how many attempts were made. */
  runOnce(): Promise<number>;
  /** Starts polling (at once, then every pollMs, and whenever this process writes to the outbox). */
  start(): void;
  /** Stops polling and waits for the attempts in flight to be recorded. */
  stop(): Promise<void>;
};

/** Deliveries sent to one endpoint in one turn before it goes back in line behind the others. */
const TURN_SIZE = 20;

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? config.webhookLeaseMs;
  const concurrency = Math.floor(options.concurrency ?? config.webhookConcurrency);
  const tenantConcurrency = Math.max(1, Math.floor(options.tenantConcurrency ?? concurrency / 4));
  const pauseAfter = Math.floor(options.pauseAfterFailures ?? config.webhookPauseAfterFailures);
  const baseMs = options.retryBaseMs ?? retryBaseMs();
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;

  /** The endpoints this worker is serving: claim token → tenant id. */
  const serving = new Map<string, string>();
  const turns = new Set<Promise<number>>();
  let stopped = false;

  async function attempt(endpoint: ClaimedEndpoint, delivery: ClaimedDelivery): Promise<boolean> {
    const startedAt = now();
    let outcome: AttemptOutcome;
    try {
      const secret = openSigningSecret(endpoint.secretEnc, options.appSecrets);
      outcome = await deliverMessage({ url: endpoint.url, secret, messageId: delivery.id, body: delivery.payload, sentAt: startedAt, timeoutMs });
    } catch (error) {
      console.error("keyport: a webhook's signing secret could not be read", error);
      outcome = { ok: false, statusCode: null, durationMs: 0, error: "The signing secret could not be read (the app secret changed?): delete and add the webhook again.", responseExcerpt: null };
    }
    await recordAttempt(endpoint, delivery, startedAt, outcome);
    return outcome.ok;
  }

  async function recordAttempt(endpoint: ClaimedEndpoint, delivery: ClaimedDelivery, startedAt: Date, outcome: AttemptOutcome): Promise<void> {
    const number = delivery.attemptCount + 1;
    const finishedAt = now();
    const retryAt = outcome.ok ? null : nextAttemptAfterFailure({ failures: number, createdAt: delivery.createdAt, now: finishedAt, baseMs, random: options.random });
    const status = outcome.ok ? "delivered" : retryAt ? "pending" : "failed";
    const tenantId = delivery.tenantId;
    await transaction(async (tx) => {
      await tx.webhookAttempt.create({
        data: { id: randomUUID(), tenantId, deliveryId: delivery.id, number, startedAt, statusCode: outcome.statusCode, durationMs: outcome.durationMs, error: outcome.error, responseExcerpt: outcome.responseExcerpt },
      });
      // Only while the lease is still ours: if it ran out and another worker took the row, that worker's word counts.
      const recorded = await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, tenantId, lockedBy: delivery.lockedBy },
        data: {
          status,
          attemptCount: number,
          lastStatusCode: outcome.statusCode,
          lastDurationMs: outcome.durationMs,
          lastError: outcome.error,
          lockedUntil: null,
          lockedBy: null,
          ...(retryAt ? { nextAttemptAt: retryAt } : { completedAt: finishedAt }),
        },
      });
      if (recorded.count === 0) return;
      if (outcome.ok) {
        await tx.webhook.updateMany({ where: { id: endpoint.id, tenantId }, data: { failureStreak: 0, retryAt: null } });
        return;
      }
      await tx.webhook.updateMany({ where: { id: endpoint.id, tenantId }, data: { failureStreak: { increment: 1 } } });
      const webhook = await tx.webhook.findFirst({ where: { id: endpoint.id, tenantId }, select: { failureStreak: true, pausedAt: true, url: true } });
      if (!webhook) return;
      const endpointRetryAt = new Date(finishedAt.getTime() + retryDelayMs(webhook.failureStreak, baseMs, options.random));
      await tx.webhook.updateMany({ where: { id: endpoint.id, tenantId }, data: { retryAt: endpointRetryAt } });
      if (webhook.pausedAt || webhook.failureStreak < pauseAfter) return;
      // Conditional, so that the pause is written (and audited) once even if two attempts end together.
      const paused = await tx.webhook.updateMany({
        where: { id: endpoint.id, tenantId, pausedAt: null },
        data: { pausedAt: finishedAt, pausedReason: outcome.error ?? "The endpoint did not answer 2xx." },
      });
      if (paused.count === 1) {
        await recordAuditEvent(
          {
            tenantId,
            actorUserId: null,
            actorLabel: "Keyport",
            action: "webhook.paused",
            targetType: "WEBHOOK",
            targetId: endpoint.id,
            targetLabel: webhook.url,
            details: { url: webhook.url, failures: webhook.failureStreak, reason: outcome.error },
          },
          tx,
        );
      }
    });
  }

  /** One turn at an endpoint: its due deliveries in order, until none is left, one fails, or the turn is full. */
  async function serveEndpoint(endpoint: ClaimedEndpoint): Promise<number> {
    let attempts = 0;
    try {
      while (!stopped && attempts < TURN_SIZE) {
        if (attempts > 0 && !(await renewEndpoint(endpoint, { now: now(), leaseMs }))) break;
        const delivery = await claimNextDelivery(endpoint, { now: now(), leaseMs });
        if (!delivery) break;
        attempts++;
        const ok = await attempt(endpoint, delivery).catch((error: unknown) => {
          console.error(`keyport: recording a webhook delivery attempt failed (${delivery.id})`, error);
          return false;
        });
        if (!ok) break;
      }
    } finally {
      await releaseEndpoint(endpoint, now()).catch((error: unknown) => console.error("keyport: a webhook endpoint could not be released (its lease runs out)", error));
    }
    return attempts;
  }

  /** Claims free endpoints into free slots and starts a turn at each; resolves with the turns started. */
  async function fill(onTurnEnd: () => void): Promise<Promise<number>[]> {
    const started: Promise<number>[] = [];
    while (!stopped && serving.size < concurrency) {
      const perTenant = new Map<string, number>();
      for (const tenantId of serving.values()) perTenant.set(tenantId, (perTenant.get(tenantId) ?? 0) + 1);
      const skipTenants = [...perTenant].filter(([, count]) => count >= tenantConcurrency).map(([tenantId]) => tenantId);
      const endpoint = await claimEndpoint({ now: now(), leaseMs, workerId: id, skipTenants });
      if (!endpoint) break;
      serving.set(endpoint.lockedBy, endpoint.tenantId);
      const turn: Promise<number> = serveEndpoint(endpoint)
        .catch((error: unknown) => {
          console.error("keyport: a webhook endpoint's turn failed", error);
          return 0;
        })
        .finally(() => {
          serving.delete(endpoint.lockedBy);
          turns.delete(turn);
          onTurnEnd();
        });
      turns.add(turn);
      started.push(turn);
    }
    return started;
  }

  async function runOnce(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const started = await fill(() => undefined);
      if (started.length === 0) return attempts;
      attempts += (await Promise.all(started)).reduce((sum, count) => sum + count, 0);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let filling: Promise<unknown> | null = null;
  let again = false;

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
    timer.unref?.();
  }

  // A tick fills the free slots and returns at once: turns run on their own, and each one that ends
  // asks for a tick, so a freed slot is filled without waiting for the next poll.
  function tick(): void {
    if (stopped) return;
    if (filling) {
      again = true;
      return;
    }
    filling = fill(() => schedule(0))
      .catch((error: unknown) => console.error("keyport: the webhook delivery worker could not read the outbox", error))
      .finally(() => {
        filling = null;
        const more = again;
        again = false;
        schedule(more ? 0 : (options.pollMs ?? config.webhookPollMs));
      });
  }

  let unsubscribe: () => void = () => undefined;

  return {
    id,
    runOnce,
    start() {
      unsubscribe = onOutboxWrite(() => {
        if (!stopped) schedule(0);
      });
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      if (filling) await filling;
      await Promise.all([...turns]);
    },
  };
}

/** A worker that polls on its own until stopped. */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const worker = createDeliveryWorker(options);
  worker.start();
  return worker;
}
