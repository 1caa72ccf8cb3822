// The web server of the PostgreSQL end-to-end run (scripts/e2e-server-pg.sh starts it once the
// database is migrated and seeded): instances a and b, each started as `npm start` starts one, behind
// the round-robin proxy on E2E_PG_PORT. Stops them all on SIGTERM/SIGINT.
import path from "node:path";
import { startInstance, type Instance } from "./instances";
import { startRoundRobinProxy } from "./round-robin-proxy";
import { INSTANCE_PORTS, PG_BASE_PORT, PG_E2E_DIR, instanceDataDir, instanceEnv } from "./pg-run";

async function main() {
  const names = ["a", "b"];
  const instances: Instance[] = await Promise.all(
    names.map((name, index) =>
      startInstance({
        port: INSTANCE_PORTS[index],
        env: { ...instanceEnv(), KEYPORT_DATA_DIR: instanceDataDir(name) },
        log: path.join(PG_E2E_DIR, `server-${name}.log`),
        readyTimeoutMs: 120_000,
      }),
    ),
  );
  const proxy = await startRoundRobinProxy({ port: PG_BASE_PORT, instancePorts: INSTANCE_PORTS });
  console.log(`keyport e2e: instances on ${INSTANCE_PORTS.join(", ")} behind the proxy on ${PG_BASE_PORT}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await proxy.close();
    await Promise.all(instances.map((instance) => instance.stop("SIGTERM", 15_000)));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  for (const instance of instances) {
    void instance.exited.then((code) => {
      if (!stopping) console.error(`keyport e2e: the instance on port ${instance.port} exited (${code}); see ${instance.log}`);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
