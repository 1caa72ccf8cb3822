// One user's scripts writing at once: WRITERS clients, each with its own token of the same user, make a
// token and revoke it, ROUNDS times each, against the production server. Reports the writes a second,
// the latency percentiles and every answer that was not a success (none is the target: concurrent
// writers of one user must not queue on a shared row until the database gives up).
import http from "node:http";

export type OneUserWriters = { writers: number; writes: number; seconds: number; writesPerSecond: number; latencyMs: { p50: number; p99: number; max: number }; failures: Record<string, number> };

function post(base: string, path: string, token: string, body: unknown, agent: http.Agent): Promise<{ status: number; json: any }> {
  const payload = JSON.stringify(body);
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { authorization: `Token ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) }, timeout: 60_000 },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: 0, json: { error: { code: error.message } } }));
    request.end(payload);
  });
}

export async function oneUserWriters(base: string, tokens: string[], rounds: number): Promise<OneUserWriters> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: tokens.length });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (what: string, status: number, json: any) => {
    const key = `${what} ${status}${json?.error?.code ? ` ${json.error.code}` : ""}`;
    failures[key] = (failures[key] ?? 0) + 1;
  };
  const timed = async (path: string, token: string, body: unknown) => {
    const started = performance.now();
    const answer = await post(base, path, token, body, agent);
    latencies.push(performance.now() - started);
    return answer;
  };
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, writer) => {
      for (let round = 0; round < rounds; round++) {
        const made = await timed("/api/v1/tokens/", token, { name: `Bench writer ${writer}.${round}`, expiresInDays: 1 });
        if (made.status !== 201) {
          fail("create", made.status, made.json);
          continue;
        }
        const revoked = await timed(`/api/v1/tokens/${made.json.token.id}/revoke/`, token, {});
        if (revoked.status !== 200) fail("revoke", revoked.status, revoked.json);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0);
  return {
    writers: tokens.length,
    writes: latencies.length,
    seconds: Math.round(seconds * 10) / 10,
    writesPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latencyMs: { p50: at(50), p99: at(99), max: Math.round(sorted.at(-1) ?? 0) },
    failures,
  };
}
