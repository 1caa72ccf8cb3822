// SQLite: another process holds the database file's write lock (a backup, a maintenance script). A
// request that must write answers 503 `unavailable` with Retry-After within 5 s, never a 500, and the
// server keeps answering everything else meanwhile (it waits for the lock without blocking). Once the
// lock is released the same request succeeds. On a server and database of its own, so no other test
// meets the lock.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { callApi } from "../support/api-client";
import { E2E_DIR, expect, PORT, test } from "../support/fixtures";
import { runScript, startInstance, type Instance } from "../support/instances";

test.describe.configure({ timeout: 120_000 });

const port = Number(PORT) + 5;
const dir = path.join(E2E_DIR, `locked-${port}`);
const file = path.join(dir, "keyport.db");
let instance: Instance;
let token: string;

test.beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { DATABASE_URL: `file:${file}`, KEYPORT_DATA_DIR: path.join(dir, "data"), KEYPORT_PUBLIC_URL: `http://localhost:${port}`, KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}` };
  await runScript("scripts/prepare-db.ts", env);
  token = (JSON.parse(await runScript("e2e/support/make-admin-token.ts", env)) as { token: string }).token;
  instance = await startInstance({ port, env, log: path.join(dir, "server.log"), readyTimeoutMs: 90_000 });
});

test.afterAll(async () => {
  await instance?.stop();
});

test("a locked database file → 503 unavailable within 5 s, the server stays responsive, and the write succeeds once the lock is gone", async () => {
  const addRange = () => callApi("/api/v1/subnet/create_rule/", { token, port, body: { name: "Lyon office", category: 1, subnets: ["10.42.0.0/16"] }, timeoutMs: 15_000 });
  expect((await callApi("/api/v1/whoami/", { token, port })).status).toBe(200);

  const holder = new Database(file);
  holder.pragma("busy_timeout = 5000");
  holder.exec("BEGIN EXCLUSIVE");
  try {
    const started = Date.now();
    const waiting = addRange();
    // While that write waits for the lock, a request that needs no write is answered at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const probeStarted = Date.now();
    const probe = await callApi("/api/v1/no-such-endpoint/", { port });
    expect(probe.status).toBe(404);
    expect(Date.now() - probeStarted, "the event loop is not held by the wait").toBeLessThan(1_000);

    const refused = await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused.status, refused.text.slice(0, 300)).toBe(503);
    expect(refused.json.error.code).toBe("unavailable");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);

    // The OAuth side says it in its own words: the key set needs a signing key written first.
    const keys = await callApi("/common/discovery/v2.0/keys", { port, timeoutMs: 15_000 });
    expect(keys.status).toBe(503);
    expect(keys.json).toMatchObject({ error: "temporarily_unavailable" });
  } finally {
    holder.exec("COMMIT");
    holder.close();
  }

  const added = await addRange();
  expect(added.status, added.text.slice(0, 300)).toBe(200);
});
