// The delivery worker: runs in each server process, claims due deliveries from the outbox (a lease,
// see claim-deliveries.ts), sends each, records the attempt, and either marks the delivery done or
// schedules its retry with exponential backoff, until 24 hours after the event. Every step is in the
// database, so a restart loses nothing: a delivery claimed by a process that died is claimed again
// when its lease runs out.
import { randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/client";
import { nextAttemptAfterFailure, retryBaseMs } from "@/lib/webhooks/backoff";
import { claimDueDeliveries, type ClaimedDelivery } from "@/lib/webhooks/claim-deliveries";
import { deliverMessage, DELIVERY_TIMEOUT_MS, type AttemptOutcome } from "@/lib/webhooks/deliver-message";
import { onOutboxWrite } from "@/lib/webhooks/outbox-signal";
import { openSigningSecret } from "@/lib/webhooks/signing-secret";

export type DeliveryWorkerOptions = {
  /** Decrypts the webhooks' signing secrets. */
  /** The app secret, then the ones it replaced: webhook secrets sealed with any of them still open. */
  appSecrets: readonly string[];
  /** How often to look for due deliveries when nothing nudges the worker. */
  pollMs?: number;
  /** How long a claim holds; longer than one attempt can take. */
  leaseMs?: number;
  batchSize?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  workerId?: string;
  now?: () => Date;
  random?: () => number;
};

export type DeliveryWorker = {
  readonly id: string;
  /** Claims and sends what is due now; resolves with how many deliveries were attempted. */
  runOnce(): Promise<number>;
  /** Starts polling (at once, then every pollMs, and whenever this process writes to the outbox). */
  start(): void;
  /** Stops polling and waits for the attempts in flight to be recorded. */
  stop(): Promise<void>;
};

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? numberFromEnv("KEYPORT_WEBHOOK_LEASE_MS", 60_000);
  const batchSize = options.batchSize ?? 10;
  const baseMs = options.retryBaseMs ?? retryBaseMs();
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = now();
    let outcome: AttemptOutcome;
    try {
      const secret = openSigningSecret(delivery.webhook.secretEnc, options.appSecrets);
      outcome = await deliverMessage({ url: delivery.webhook.url, secret, messageId: delivery.id, body: delivery.payload, sentAt: startedAt, timeoutMs });
    } catch (error) {
      console.error("keyport: a webhook's signing secret could not be read", error);
      outcome = { ok: false, statusCode: null, durationMs: 0, error: "The signing secret could not be read (the app secret changed?): delete and add the webhook again.", responseExcerpt: null };
    }
    await recordAttempt(delivery, startedAt, outcome);
  }

  async function recordAttempt(delivery: ClaimedDelivery, startedAt: Date, outcome: AttemptOutcome): Promise<void> {
    const number = delivery.attemptCount + 1;
    const finishedAt = now();
    const retryAt = outcome.ok ? null : nextAttemptAfterFailure({ failures: number, createdAt: delivery.createdAt, now: finishedAt, baseMs, random: options.random });
    const status = outcome.ok ? "delivered" : retryAt ? "pending" : "failed";
    await transaction(async (tx) => {
      await tx.webhookAttempt.create({
        data: { id: randomUUID(), tenantId: delivery.tenantId, deliveryId: delivery.id, number, startedAt, statusCode: outcome.statusCode, durationMs: outcome.durationMs, error: outcome.error, responseExcerpt: outcome.responseExcerpt },
      });
      // Only while the lease is still ours: if it ran out and another worker took the row, that worker's word counts.
      await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, tenantId: delivery.tenantId, lockedBy: delivery.lockedBy },
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
    });
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let again = false;

  async function runOnce(): Promise<number> {
    const claimed = await claimDueDeliveries({ now: now(), limit: batchSize, leaseMs, workerId: id });
    await Promise.all(
      claimed.map((delivery) =>
        attempt(delivery).catch((error: unknown) => console.error(`keyport: recording a webhook delivery attempt failed (${delivery.id})`, error)),
      ),
    );
    return claimed.length;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
    timer.unref?.();
  }

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((error: unknown) => {
        console.error("keyport: the webhook delivery worker could not read the outbox", error);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    void running.then((count) => {
      const more = again || count === batchSize;
      again = false;
      schedule(more ? 0 : (options.pollMs ?? numberFromEnv("KEYPORT_WEBHOOK_POLL_MS", 1_000)));
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
      if (running) await running;
    },
  };
}

/** A worker that polls on its own until stopped. */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const worker = createDeliveryWorker(options);
  worker.start();
  return worker;
}
