// The scheduler of each server process: every interval it asks for the lease of each deployment-wide
// job (job-lease.ts) and runs the jobs it gets. Safe with any number of instances: a job runs on one
// of them per interval, and the jobs themselves write each effect once (see token-expiry.ts).
import { randomUUID } from "node:crypto";
import { claimJob, completeJob, ensureJob } from "@/lib/scheduler/job-lease";

export type ScheduledJob = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export type Scheduler = { tick(): Promise<void>; stop(): Promise<void> };

export function startScheduler(jobs: ScheduledJob[], options: { tickMs: number; leaseMs?: number; now?: () => Date; holder?: string; autoStart?: boolean }): Scheduler {
  const holder = options.holder ?? `scheduler-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let ensured = false;

  async function tick(): Promise<void> {
    if (!ensured) {
      for (const job of jobs) await ensureJob(job.name);
      ensured = true;
    }
    for (const job of jobs) {
      if (stopped) return;
      const startedAt = now();
      if (!(await claimJob(job.name, { now: startedAt, leaseMs, holder }))) continue;
      try {
        await job.run(startedAt);
      } catch (error) {
        console.error(`keyport: scheduled job '${job.name}' failed; it runs again at its next turn`, error);
      } finally {
        await completeJob(job.name, { holder, nextRunAt: new Date(startedAt.getTime() + job.everyMs) });
      }
    }
  }

  function loop(): void {
    if (stopped) return;
    running = tick()
      .catch((error: unknown) => console.error("keyport: the scheduler could not run", error))
      .finally(() => {
        running = null;
        if (!stopped) {
          timer = setTimeout(loop, options.tickMs);
          timer.unref?.();
        }
      });
  }
  if (options.autoStart !== false) loop();

  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) await running;
    },
  };
}
