// What each server process runs besides answering requests: the webhook delivery worker and the
// scheduler (token expiry notices, the token tally's fold, the mail queue). Started once per process from instrumentation.ts, stopped by the
// HTTP front's shutdown hooks after the last request is answered. KEYPORT_BACKGROUND_JOBS=off leaves
// them out (a process that must only serve).
import { refreshPlannerStatistics } from "@/lib/db/planner-statistics";
import { authSecret, previousAuthSecrets } from "@/lib/auth/auth-secret";
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";
import { startDeliveryWorker, type DeliveryWorker } from "@/lib/webhooks/delivery-worker";
import { startScheduler, type Scheduler } from "@/lib/scheduler/scheduler";
import { sendExpiryNotices } from "@/lib/scheduler/token-expiry";
import { foldTokenTally } from "@/lib/tokens/token-tally";
import { config } from "@/lib/config";
import { mailSettings } from "@/lib/mail/mail-settings";
import { sendQueuedMail } from "@/lib/mail/send-queued-mail";

type BackgroundJobs = { worker: DeliveryWorker; scheduler: Scheduler } | null;

declare module "@/lib/process-state" {
  interface ProcessState {
    backgroundJobs: Owned<"lib/scheduler/start-background-jobs", BackgroundJobs>;
  }
}

export function startBackgroundJobs(): void {
  processState("backgroundJobs", () => {
    if (config.backgroundJobs === "off") return null;
    const worker = startDeliveryWorker({ appSecrets: [authSecret(), ...previousAuthSecrets()] });
    const scheduler = startScheduler(
      [
        { name: "token-expiry-notices", everyMs: config.schedulerIntervalMs, run: (now) => sendExpiryNotices(now) },
        // Keeps the pending tally changes few, so the token table's total stays a handful of rows to add.
        { name: "token-tally-fold", everyMs: 10_000, run: () => foldTokenTally() },
        // Only where a mail server is set: an instance without one never holds the queue's lease.
        // SQLite's planner statistics (PostgreSQL keeps its own): the token table's indexes are chosen from them.
        { name: "planner-statistics", everyMs: 60 * 60_000, run: () => refreshPlannerStatistics() },
        ...(mailSettings() ? [{ name: "mail", everyMs: config.mailIntervalMs, run: (now: Date) => sendQueuedMail(now) }] : []),
      ],
      {
        tickMs: config.schedulerTickMs,
      },
    );
    onShutdown("backgroundJobs", async () => {
      await Promise.all([worker.stop(), scheduler.stop()]);
    });
    return { worker, scheduler };
  });
}
