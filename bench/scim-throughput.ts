// SCIM throughput for one tenant while API traffic runs: a provisioning client paced at a fixed rate
// (Entra ID sends up to 25 requests a second) cycles through what Entra ID sends for each person — the
// userName probe, a create, a PATCH, a read, a deactivation — and every answer's time is kept. Reported:
// the rate sustained, p50/p99 and the statuses. The API load runs beside it from its own process.
//
//   npx tsx bench/scim-throughput.ts <base URL> <SCIM secret token> [seconds] [rate]   (a run of this part alone)
import http from "node:http";

export type ScimThroughput = { seconds: number; targetRate: number; requests: number; requestsPerSecond: number; latencyMs: { p50: number; p99: number; max: number }; statuses: Record<string, number> };

type Call = { method: string; path: string; body?: unknown };

function send(base: URL, secret: string, call: Call, agent: http.Agent): Promise<{ status: number; json: any; ms: number }> {
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: `/scim/v2${call.path}`,
        method: call.method,
        agent,
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json", ...(payload ? { "content-length": String(Buffer.byteLength(payload)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString() || "null");
          } catch {
            json = null;
          }
          resolve({ status: response.statusCode ?? 0, json, ms: performance.now() - started });
        });
      },
    );
    request.on("error", () => resolve({ status: 0, json: null, ms: performance.now() - started }));
    request.end(payload);
  });
}

const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

/** One person's cycle, as Entra ID provisions and later deactivates them: five requests. */
async function* personCycle(run: string, index: number): AsyncGenerator<Call, void, { status: number; json: any }> {
  const userName = `bench-${run}-${index}@example.com`;
  yield { method: "GET", path: `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}` };
  const created = yield { method: "POST", path: "/Users", body: { schemas: [USER], userName, active: true, displayName: `Bench ${index}`, emails: [{ primary: true, type: "work", value: userName }] } };
  const id = created.json?.id as string | undefined;
  if (!id) return;
  yield { method: "PATCH", path: `/Users/${id}`, body: { schemas: [PATCH], Operations: [{ op: "Replace", path: "title", value: "Analyst" }, { op: "Add", value: { "name.givenName": "Bench" } }] } };
  yield { method: "GET", path: `/Users/${id}` };
  yield { method: "PATCH", path: `/Users/${id}`, body: { schemas: [PATCH], Operations: [{ op: "Replace", value: { active: "False" } }] } };
}

export async function measureScimThroughput(baseUrl: string, secret: string, options: { seconds?: number; rate?: number } = {}): Promise<ScimThroughput> {
  const base = new URL(baseUrl);
  const seconds = options.seconds ?? 30;
  const rate = options.rate ?? 30;
  const run = Math.random().toString(36).slice(2, 8);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let person = 0;
  let sent = 0;

  // Each person's requests go one after another (the next depends on the answer); people overlap, so the
  // rate holds whatever one answer takes. A new request starts every 1000/rate ms.
  const pending: { cycle: AsyncGenerator<Call, void, { status: number; json: any }>; call: Call }[] = [];
  while (performance.now() - started < seconds * 1000) {
    const dueAt = started + (sent * 1000) / rate;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let next = pending.shift();
    if (!next) {
      const cycle = personCycle(run, person++);
      const first = await cycle.next();
      if (first.done) continue;
      next = { cycle, call: first.value };
    }
    sent++;
    const { cycle, call } = next;
    const task = send(base, secret, call, agent).then(async (answer) => {
      latencies.push(answer.ms);
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      const following = await cycle.next(answer);
      if (!following.done) pending.push({ cycle, call: following.value });
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  agent.destroy();
  return { seconds: Math.round(elapsed * 10) / 10, targetRate: rate, requests: sorted.length, requestsPerSecond: Math.round((sorted.length / elapsed) * 10) / 10, latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) }, statuses };
}

if (process.argv[1]?.endsWith("scim-throughput.ts") && process.argv[2]) {
  const [baseUrl, secret, seconds, rate] = process.argv.slice(2);
  measureScimThroughput(baseUrl, secret, { seconds: Number(seconds ?? 30), rate: Number(rate ?? 30) }).then((result) => console.log(JSON.stringify(result, null, 2)));
}
