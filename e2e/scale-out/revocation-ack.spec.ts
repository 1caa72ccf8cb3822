// A revocation, rotation or role change made on one instance holds on every other by the time the call
// that made it answers: the change waits for the other instances' acknowledgements, and an instance
// that cannot acknowledge in time stops trusting its cached credentials. Instance 0 takes the change;
// instance 1 (which has the credential in its cache right before) is hammered the moment the answer
// arrives, and must refuse every call.
import path from "node:path";
import { generateToken } from "@/lib/tokens/generate-token";
import { databaseUrl } from "@/lib/db/database-url";
import { ACK_WAIT_MS } from "@/lib/cache/cache-events";
import { callApi, type ApiResponse } from "../support/api-client";
import { expect, gotoReady, test } from "../support/fixtures";
import { contextOnInstance } from "../support/instance-pins";
import { startInstance, type Instance } from "../support/instances";
import { PG_E2E_DIR, SPARE_PORTS, instanceEnv } from "../support/pg-run";
import { TcpProxy } from "../support/tcp-proxy";

test.describe.configure({ timeout: 300_000 });

const whoami = (token: string, target: { instance?: number; port?: number }) => callApi("/api/v1/whoami/", { token, ...target, timeoutMs: 15_000 });

/** Calls right after an answer: a burst of concurrent ones, then a few in a row. */
async function hammer(call: () => Promise<ApiResponse>): Promise<ApiResponse[]> {
  const burst = await Promise.all([call(), call(), call(), call()]);
  const row: ApiResponse[] = [];
  for (let i = 0; i < 3; i++) row.push(await call());
  return [...burst, ...row];
}

test("200 rounds: a token revoked through the API on one instance is refused by the other from the moment the revoke answers", async ({ tenant }) => {
  const admin = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Revoker" });
  let accepted = 0;
  const acceptedRounds: number[] = [];
  for (let round = 0; round < 200; round++) {
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: `Round ${round}` });
    // Instance 1 has it in its cache right before the revocation.
    for (let i = 0; i < 2; i++) expect((await whoami(token.value, { instance: 1 })).status).toBe(200);
    const revoked = await callApi(`/api/v1/tokens/${token.id}/revoke/`, { token: admin.value, instance: 0, method: "POST", timeoutMs: 15_000 });
    expect(revoked.status, revoked.text.slice(0, 300)).toBe(200);
    const after = await hammer(() => whoami(token.value, { instance: 1 }));
    const ok = after.filter((answer) => answer.status === 200).length;
    if (ok > 0) acceptedRounds.push(round);
    accepted += ok;
    for (const answer of after.filter((answer) => answer.status !== 200)) expect(answer.status).toBe(401);
  }
  expect(accepted, `calls accepted after the revoke answered (rounds ${acceptedRounds.join(", ")})`).toBe(0);
});

test("50 rounds: the value a rotation replaced with no grace is refused by the other instance from the moment the rotation answers", async ({ tenant }) => {
  const admin = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Rotator" });
  let accepted = 0;
  for (let round = 0; round < 50; round++) {
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: `Rotated ${round}` });
    for (let i = 0; i < 2; i++) expect((await whoami(token.value, { instance: 1 })).status).toBe(200);
    const rotated = await callApi(`/api/v1/tokens/${token.id}/rotate/`, { token: admin.value, instance: 0, method: "POST", body: { gracePeriodSeconds: 0 }, timeoutMs: 15_000 });
    expect(rotated.status, rotated.text.slice(0, 300)).toBe(200);
    const after = await hammer(() => whoami(token.value, { instance: 1 }));
    accepted += after.filter((answer) => answer.status === 200).length;
    // The new value works on the other instance at once.
    expect((await whoami(rotated.json.value, { instance: 1 })).status).toBe(200);
  }
  expect(accepted, "calls with the replaced value accepted after the rotation answered").toBe(0);
});

test("a role change and a deprovisioning in the portal on one instance hold on the other from the moment its answer arrives", async ({ browser, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's sync" });
  const scopesOnOther = async () => {
    const answers = await hammer(() => whoami(token.value, { instance: 1 }));
    return answers.map((answer) => (answer.status === 200 ? [...answer.json.scopes].sort().join(" ") : String(answer.status)));
  };
  const operatorScopes = (await whoami(token.value, { instance: 1 })).json.scopes as string[];
  expect(operatorScopes).toContain("Investigation.manage");

  const context = await contextOnInstance(browser, 0, tenant.admin.email);
  const page = await context.newPage();
  await gotoReady(page, "/settings/users");
  // The moment the server action's answer reaches the browser, instance 1 is asked.
  const actionAnswer = () => page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
  const setRole = async (label: string) => {
    await page.getByRole("button", { name: `Change role of ${tenant.operator.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.operator.name}` });
    await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label });
    const answered = actionAnswer();
    await dialog.getByRole("button", { name: "Save" }).click();
    await answered;
    const scopes = await scopesOnOther();
    // The dialog closes and the table shows the new role before the next change opens its dialog from it.
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("toasts")).toContainText(`is now ${label}`);
    await expect(page.getByRole("row").filter({ hasText: tenant.operator.email })).toContainText(label);
    return scopes;
  };
  for (let round = 0; round < 10; round++) {
    expect((await whoami(token.value, { instance: 1 })).status).toBe(200);
    for (const scopes of await setRole("Security reader")) expect(scopes, `round ${round}: the reader's scopes`).not.toContain("Investigation.manage");
    for (const scopes of await setRole("Security operator")) expect(scopes, `round ${round}: the operator's scopes again`).toContain("Investigation.manage");
  }

  expect((await whoami(token.value, { instance: 1 })).status).toBe(200);
  await page.getByRole("button", { name: `Deprovision ${tenant.operator.name}` }).click();
  const answered = actionAnswer();
  await page.getByRole("dialog", { name: `Deprovision ${tenant.operator.name}?` }).getByRole("button", { name: "Deprovision" }).click();
  await answered;
  for (const answer of await hammer(() => whoami(token.value, { instance: 1 }))) expect(answer.status).toBe(403);
  await expect(page.getByRole("status").filter({ hasText: `${tenant.operator.name} is deprovisioned` })).toBeVisible();
  await context.close();
});

test.describe("an instance that cannot acknowledge", () => {
  let proxy: TcpProxy;
  let cut: Instance;

  test.beforeAll(async () => {
    // This instance reaches PostgreSQL through a proxy the test owns, so its listening connection can be frozen alone.
    const direct = new URL(databaseUrl());
    proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(await proxy.listen());
    const port = SPARE_PORTS.ackCut;
    cut = await startInstance({
      port,
      env: {
        ...instanceEnv(),
        DATABASE_URL: proxied.toString(),
        KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, `data-${port}`),
        KEYPORT_PUBLIC_URL: `http://localhost:${port}`,
        KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}`,
        KEYPORT_TRUSTED_PROXIES: "",
      },
      log: path.join(PG_E2E_DIR, `server-ack-cut-${port}.log`),
      readyTimeoutMs: 120_000,
    });
  });

  test.afterAll(async () => {
    proxy?.resume();
    await cut?.stop();
    await proxy?.close();
  });

  test("does not hold the revoke up beyond the bound, and refuses the revoked token until it has caught up", async ({ tenant }) => {
    const admin = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Revoker" });
    const other = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Still valid" });
    const onCut = (value: string) => whoami(value, { port: cut.port });

    for (let round = 0; round < 5; round++) {
      const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: `Cut ${round}` });
      for (let i = 0; i < 2; i++) expect((await onCut(token.value)).status).toBe(200);

      // Its listening connection is frozen: it receives no invalidation and cannot acknowledge one.
      proxy.pauseConnectionsNaming("keyport-cache-listener");
      try {
        const started = Date.now();
        const revoked = await callApi(`/api/v1/tokens/${token.id}/revoke/`, { token: admin.value, instance: 0, method: "POST", timeoutMs: 15_000 });
        const took = Date.now() - started;
        expect(revoked.status, revoked.text.slice(0, 300)).toBe(200);
        // The bound is ACK_WAIT_MS; the rest is room for a loaded machine, far below a hang.
        expect(took, "the revoke waited at most the bound (plus its own work)").toBeLessThan(ACK_WAIT_MS + 2_000);

        for (const answer of await hammer(() => onCut(token.value))) expect(answer.status, "the cut instance refuses the revoked token").toBe(401);
        // It still serves, from the database.
        expect((await onCut(other.value)).status).toBe(200);
      } finally {
        proxy.resume();
      }
      // Caught up: still refused, and valid tokens still work.
      for (const answer of await hammer(() => onCut(token.value))) expect(answer.status).toBe(401);
      expect((await onCut(other.value)).status).toBe(200);
    }
  });
});
