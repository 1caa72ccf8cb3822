// The database goes away and comes back. Two instances of their own reach PostgreSQL through a TCP
// proxy this test owns (the shared server is never stopped): cutting it is a network partition, the
// harder case for a client, where nothing fails fast and every wait must be bounded.
//   - the API answers 503 `unavailable` with Retry-After within 5 s, never a hang, a 500 or HTML;
//   - the OAuth endpoints answer 503 `temporarily_unavailable`;
//   - a signed-in person sees "Keyport is temporarily unavailable";
//   - when the database is back, both instances answer again, with no restart.
import path from "node:path";
import { generateToken } from "@/lib/tokens/generate-token";
import { databaseUrl } from "@/lib/db/database-url";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { startInstance, type Instance } from "../support/instances";
import { PG_E2E_DIR, SPARE_PORTS, instanceEnv } from "../support/pg-run";
import { TcpProxy } from "../support/tcp-proxy";

// One set of instances and one proxy for the file: its tests take turns with them.
test.describe.configure({ mode: "serial", timeout: 180_000 });

let proxy: TcpProxy;
let instances: Instance[] = [];

test.beforeAll(async () => {
  const direct = new URL(databaseUrl());
  proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const proxied = new URL(direct);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(await proxy.listen());
  instances = await Promise.all(
    [SPARE_PORTS.outageA, SPARE_PORTS.outageB].map((port) =>
      startInstance({
        port,
        env: {
          ...instanceEnv(),
          DATABASE_URL: proxied.toString(),
          KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, `data-${port}`),
          KEYPORT_PUBLIC_URL: `http://localhost:${port}`,
          KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}`,
          KEYPORT_TRUSTED_PROXIES: "",
        },
        log: path.join(PG_E2E_DIR, `server-outage-${port}.log`),
        readyTimeoutMs: 120_000,
      }),
    ),
  );
});

test.afterAll(async () => {
  proxy?.resume();
  await Promise.all(instances.map((instance) => instance.stop()));
  await proxy?.close();
});

test("database unreachable → 503 JSON within 5 s on both instances; back → 200 on both, no restart", async ({ browser, tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "outage probe" });
  const list = (instance: Instance) => callApi("/api/v1/alerts/?limit=1", { token, port: instance.port, timeoutMs: 15_000 });
  for (const instance of instances) expect((await list(instance)).status).toBe(200);

  const [first] = instances;
  const context = await browser.newContext({ baseURL: `http://localhost:${first.port}` });
  await signInContext(context, tenant.reader.email);
  const page = await context.newPage();
  await gotoReady(page, "/settings/api-tokens");

  proxy.pause();
  try {
    for (const instance of instances) {
      const started = Date.now();
      const answer = await list(instance);
      const elapsed = Date.now() - started;
      expect(answer.status, answer.text.slice(0, 300)).toBe(503);
      expect(answer.headers["content-type"]).toContain("application/json");
      expect(answer.json.error.code).toBe("unavailable");
      expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(elapsed, `instance ${instance.port} answered within 5 s`).toBeLessThan(5_000);
    }

    const started = Date.now();
    const keys = await callApi(`/${tenant.id}/discovery/v2.0/keys`, { port: first.port, timeoutMs: 15_000 });
    expect(keys.status).toBe(503);
    expect(keys.json).toMatchObject({ error: "temporarily_unavailable" });
    expect(Date.now() - started).toBeLessThan(5_000);

    // The portal: a page that needs the database says what is going on.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Keyport is temporarily unavailable" })).toBeVisible({ timeout: 15_000 });
  } finally {
    proxy.resume();
  }

  // Back: both instances answer again by themselves (their pools reconnect), and the page recovers.
  for (const instance of instances) {
    await expect.poll(async () => (await list(instance)).status, { timeout: 15_000, intervals: [250] }).toBe(200);
  }
  await expect(page.getByRole("button", { name: "Generate new token" })).toBeVisible({ timeout: 15_000 });
  await context.close();
});

// Known to fail still, on the timeouts of lib/db/postgres.ts and lib/rate-limit/limiters.ts: 65 of 120
// answers took over 5 s. Tighter waits that add up to 4.25 s were tried and still gave 6–8 s on a heavily
// loaded machine (and, under ordinary test load, turned busy moments into 503s and per-instance rate
// limits), so some wait besides the rate limits', the connection's and the statement's remains to be
// found. Marked so until it is.
test("a frozen database under a burst of calls: every call is answered 503 within 5 s, however many wait for a connection", async ({ tenant }) => {
  // More calls at once than a pool holds connections, in waves, so that calls wait for a connection and
  // then for their statement: the waits add up, and it is their sum that must stay within the promise.
  const tokens = await Promise.all(
    Array.from({ length: 6 }, (_, i) => generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: `burst ${i}` })),
  );
  // Routes that need the database (whoami may answer from a credential cached a moment before).
  const paths = ["/api/v1/alerts/?limit=1", "/api/v1/entities/?limit=1"];
  const timed = async (instance: Instance, i: number) => {
    const started = Date.now();
    const answer = await callApi(paths[i % paths.length], { token: tokens[i % tokens.length].value, port: instance.port, timeoutMs: 20_000 });
    return { answer, elapsed: Date.now() - started };
  };
  for (const instance of instances) {
    await expect.poll(async () => (await timed(instance, 0)).answer.status, { timeout: 15_000, intervals: [250] }).toBe(200);
    for (let i = 0; i < tokens.length; i++) expect((await timed(instance, i)).answer.status).toBe(200);
  }

  proxy.pause();
  try {
    const waves: Promise<{ answer: Awaited<ReturnType<typeof callApi>>; elapsed: number }>[] = [];
    // Twelve calls at once to each instance (its pool holds ten connections), then twelve more while
    // the first still wait: enough to stack the waits, few enough that the machine's CPU is not the test.
    for (let wave = 0; wave < 2; wave++) {
      for (const instance of instances) for (let i = 0; i < 12; i++) waves.push(timed(instance, wave * 12 + i));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    const results = await Promise.all(waves);
    const late = results.filter((result) => result.elapsed > 5_000).map((result) => result.elapsed);
    test.info().annotations.push({ type: "slowest answer (ms)", description: String(Math.max(...results.map((result) => result.elapsed))) });
    expect(late, `answers later than the promised 5 s (of ${results.length})`).toEqual([]);
    for (const { answer } of results) {
      expect(answer.status, answer.text.slice(0, 200)).toBe(503);
      expect(answer.json.error.code).toBe("unavailable");
    }
  } finally {
    proxy.resume();
  }
  for (const instance of instances) {
    await expect.poll(async () => (await timed(instance, 0)).answer.status, { timeout: 15_000, intervals: [250] }).toBe(200);
  }
});
