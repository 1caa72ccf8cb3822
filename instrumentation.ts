// Runs once when a server process starts (Next calls register() from the server's start-up, also
// behind Keyport's own HTTP front, and never during the build): starts the background jobs, the
// webhook delivery worker and the scheduler, in the Node.js runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@/lib/scheduler/start-background-jobs");
  startBackgroundJobs();
}
