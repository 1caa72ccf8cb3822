// The webhook delivery worker alone in its own process: `tsx lib/scheduler/delivery-worker-process.ts`.
// The server processes already run one each; this is for delivering apart from serving, and it is how
// the restart test kills a worker mid-delivery and starts another. Stops cleanly on SIGTERM or SIGINT.
import "dotenv/config";
import { loadAuthSecret, previousAuthSecrets } from "@/lib/auth/auth-secret";
import { checkConfigOrExit, config } from "@/lib/config";
import { startDeliveryWorker } from "@/lib/webhooks/delivery-worker";

async function main() {
  checkConfigOrExit();
  const worker = startDeliveryWorker({ appSecrets: [await loadAuthSecret(), ...previousAuthSecrets()], workerId: config.workerId });
  console.log(`keyport: webhook delivery worker ${worker.id} started (pid ${process.pid})`);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void worker.stop().then(() => process.exit(0));
    });
  }
  // Timers are unref'd so a server can exit; here the worker is the whole job, so stay alive.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error("keyport: the delivery worker could not start", error);
  process.exit(1);
});
