// Everything a server process needs before it serves, in one place, for every way Keyport starts
// (`next dev`, `next start`, `npm start`, `npm run dev`): Next calls instrumentation.ts's register()
// once at a server's start and waits for it before the first request, so that is where this runs.
//   1. the configuration is checked: a value it cannot take stops the process with one line;
//   2. the session secret is loaded (on PostgreSQL without NEXTAUTH_SECRET it is the deployment's,
//      kept in the database; an instance started while the database is away waits for it);
//   3. other instances' revocations, role changes … reach this instance's caches (PostgreSQL only);
//   4. the background jobs start: the webhook delivery worker and the scheduler.
import { checkConfigOrExit, config } from "@/lib/config";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import { invalidationListenerConnected, startInvalidationListener } from "@/lib/cache/invalidation-listener";
import { startBackgroundJobs } from "@/lib/scheduler/start-background-jobs";

/** Tries `step` until it succeeds: an instance started while the database is away waits for it. */
async function untilDatabaseAnswers(what: string, step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      console.error(`keyport: could not ${what} (${(error as Error).message}); trying again`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 500 * attempt)));
    }
  }
}

export async function bootServerProcess(): Promise<void> {
  checkConfigOrExit();
  await untilDatabaseAnswers("read the session secret from the database", loadAuthSecret);
  await startInvalidationListener();
  startBackgroundJobs();
  // One line a reader (or a test) can check the boot by.
  const listener = invalidationListenerConnected() ? "listening for cache invalidations" : "no cache invalidation listener (SQLite, or the database is away)";
  const jobs = config.backgroundJobs === "on" ? "background jobs started" : "background jobs off";
  console.log(`keyport: booted: session secret loaded, ${listener}, ${jobs}`);
}
