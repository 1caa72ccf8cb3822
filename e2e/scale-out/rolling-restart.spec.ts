// A rolling restart behind a balancer costs clients nothing: keep-alive clients keep writing through
// the round-robin proxy (which checks health and resends nothing that has a body) while each of two
// instances in turn is sent SIGTERM, exits and is started again. No write fails (no 5xx, no reset)
// and every acknowledged write is in the database.
import http from "node:http";
import path from "node:path";
import { db } from "@/lib/db/client";
import { generateToken } from "@/lib/tokens/generate-token";
import { expect, test } from "../support/fixtures";
import { startInstance, type Instance } from "../support/instances";
import { PG_BASE_PORT, PG_E2E_DIR, SPARE_PORTS, instanceEnv } from "../support/pg-run";
import { startRoundRobinProxy } from "../support/round-robin-proxy";

test.describe.configure({ timeout: 480_000 });

type Outcome = { ok: true; id: string; at: number } | { ok: false; problem: string; at: number };

function post(agent: http.Agent, port: number, token: string, name: string): Promise<Outcome> {
  const body = JSON.stringify({ name, category: 1, subnets: ["10.77.0.0/16"] });
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/subnet/create_rule/",
        method: "POST",
        agent,
        timeout: 60_000,
        headers: { host: `localhost:${PG_BASE_PORT}`, authorization: `Token ${token}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          const id = response.statusCode === 200 ? (JSON.parse(text) as { _id?: string })._id : undefined;
          resolve(id ? { ok: true, id, at: Date.now() } : { ok: false, problem: `${response.statusCode} ${text.slice(0, 200)}`, at: Date.now() });
        });
        response.on("error", (error) => resolve({ ok: false, problem: `response: ${error.message}`, at: Date.now() }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("no answer in 60 s")));
    request.on("error", (error) => resolve({ ok: false, problem: `request: ${error.message}`, at: Date.now() }));
    request.end(body);
  });
}

test("rolling restart of two instances under keep-alive write load: no client error, no lost write", async ({ tenant }) => {
  const ports = [SPARE_PORTS.rollA, SPARE_PORTS.rollB];
  const start = (port: number) =>
    startInstance({
      port,
      env: { ...instanceEnv(), KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, `data-${port}`), KEYPORT_DRAIN_GRACE_MS: "3000", KEYPORT_API_RATE_LIMIT_PER_MINUTE: "1000000" },
      log: path.join(PG_E2E_DIR, `server-roll-${port}.log`),
      readyTimeoutMs: 180_000,
    });
  const instances: Instance[] = await Promise.all(ports.map(start));
  const proxy = await startRoundRobinProxy({ port: 0, instancePorts: ports, healthCheckIntervalMs: 200 });
  const agents = [0, 1, 2, 3].map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "rolling restart writes" });
    const outcomes: Outcome[] = [];
    let writing = true;
    const clients = agents.map(async (agent, client) => {
      for (let n = 0; writing; n++) {
        outcomes.push(await post(agent, proxy.port, token.value, `roll ${client}-${n}`));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    const drains: { from: number; to: number }[] = [];
    for (const [index, port] of ports.entries()) {
      // Both instances serve before this one goes.
      await expect.poll(() => `${proxy.lastHealthCheck(0)} ${proxy.lastHealthCheck(1)}`, { timeout: 60_000 }).toBe("200 200");
      const from = Date.now();
      expect(await instances[index].stop("SIGTERM", 90_000), `instance ${port} exits cleanly`).toBe(0);
      drains.push({ from, to: Date.now() });
      instances[index] = await start(port);
    }
    await expect.poll(() => `${proxy.lastHealthCheck(0)} ${proxy.lastHealthCheck(1)}`, { timeout: 60_000 }).toBe("200 200");
    writing = false;
    await Promise.all(clients);

    const failures = outcomes.filter((outcome) => !outcome.ok);
    expect(failures, "no write failed").toEqual([]);
    // The load ran through each drain (else the test would show nothing).
    for (const drain of drains) expect(outcomes.filter((outcome) => outcome.at >= drain.from && outcome.at <= drain.to).length).toBeGreaterThan(0);
    const ids = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : []));
    expect(ids.length).toBeGreaterThan(20);
    const stored = await db.subnet.count({ where: { id: { in: ids }, tenantId: tenant.id } });
    expect(stored, "every acknowledged write is in the database").toBe(ids.length);
  } finally {
    for (const agent of agents) agent.destroy();
    await proxy.close();
    await Promise.all(instances.map((instance) => instance.stop("SIGKILL")));
  }
});
