// Leak reports are cheap to send: besides the limit per address, the deployment has a budget of
// reported values a minute from all addresses together (KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE), counted
// across instances. Checked on servers of their own with a budget of 100: one on SQLite, two on the same
// PostgreSQL database (reports alternate between them, so only a count they share refuses the fourth).
// A value named twice in a report counts once. And however large the report, what it revokes is
// refused from the next request.
import { randomInt } from "node:crypto";
import { newTokenValue } from "@/lib/tokens/token-format";
import { callApi } from "../support/api-client";
import { expect, ON_POSTGRES, test } from "../support/fixtures";
import { send, type RawResponse } from "../security/support/raw-http";
import { startSecondServer, type SecondServer } from "../security/support/second-server";
import { integrationTokenOf, tokenOf } from "./support";

const BUDGET = 100;
let servers: SecondServer[] = [];

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  const env = { KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1", KEYPORT_LEAK_REPORTS_PER_MINUTE: "1000000", KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE: String(BUDGET) };
  servers = await Promise.all(Array.from({ length: ON_POSTGRES ? 2 : 1 }, () => startSecondServer(env)));
});
test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

let sent = 0;
/** A report through the budgeted servers in turn, from an address of the documentation ranges. */
const report = (credentials: string[], ip = `198.51.100.${randomInt(1, 255)}`): Promise<RawResponse> =>
  send({
    port: servers[sent++ % servers.length].port,
    method: "POST",
    path: "/api/v1/credentials/revoke",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ credentials }),
  });
const distinct = (count: number) => Array.from({ length: count }, () => newTokenValue("API_TOKEN"));
const waitOut = (refused: RawResponse) => new Promise((resolve) => setTimeout(resolve, (Number(refused.headers["retry-after"]) + 1) * 1000));

test("beyond 100 values a minute from all addresses together, reports are 429 rate_limited with Retry-After; repeats count once", async ({ tenant }) => {
  test.setTimeout(240_000);
  const live = await tokenOf(tenant, tenant.operator, "Reported while over budget");
  // The PostgreSQL run's main instances count their reports (other specs') into the same shared count:
  // a window they filled is waited out (its Retry-After) and the story starts again, at most three times.
  for (let attempt = 1; ; attempt++) {
    // 1000 copies of one value, with blanks and quotes around some: one value each time, 3 of the 100.
    const one = newTokenValue("SIEM_AGENT");
    const copies = [...Array(997).fill(one), ` ${one}`, `"${one}"`, `'${one}' `];
    const repeats = [await report(copies), await report(copies), await report(copies)];
    const early = repeats.find((answer) => answer.status === 429);
    if (early && attempt < 3) {
      await waitOut(early);
      continue;
    }
    for (const answer of repeats) expect([answer.status, answer.text]).toEqual([202, '{"status":"accepted"}']);

    // 30 new values a report, from a new address each time: 33, 63, 93 — the fourth would pass 100.
    const answers: RawResponse[] = [];
    for (let index = 0; index < 4; index++) answers.push(await report(distinct(30)));
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused, "a report over the budget is refused").toBeDefined();
    const accepted = answers.indexOf(refused!);
    // A window about to end leaves no time to look at the refusal: wait it out and start again.
    if ((accepted === 0 || Number(refused!.headers["retry-after"]) < 10) && attempt < 3) {
      await waitOut(refused!);
      continue;
    }
    expect(accepted, "reports accepted before the refusal (others' reports may only make it fewer)").toBeLessThanOrEqual(3);
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(answers.slice(0, accepted).every((answer) => answer.status === 202)).toBe(true);
    expect(refused!.json.error.code).toBe("rate_limited");
    expect(Number(refused!.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused!.headers["retry-after"])).toBeLessThanOrEqual(60);

    // Deployment-wide: any address, on any instance, is refused now; and a refused report revokes nothing.
    const again = await report([live.value], `203.0.113.${randomInt(1, 255)}`);
    expect(again.status).toBe(429);
    expect(again.json.error.code).toBe("rate_limited");
    expect((await callApi("/api/v1/whoami/", { token: live.value })).status).toBe(200);
    // Values that cannot be credentials cost nothing, so they are still answered as usual.
    expect((await report(["not a credential", "kpat_short"])).status).toBe(202);
    break;
  }
});

test("a report of 1000 values revokes the live ones among them before it answers: the next request is refused, on every instance", async ({ tenant }) => {
  const leaked = await tokenOf(tenant, tenant.operator, "In a 1000-value report");
  const agent = await integrationTokenOf(tenant, "SIEM_AGENT", "Agent in the same report");
  // Both instances hold the tokens (their caches keep a looked-up token for up to a second).
  for (const instance of [0, 1]) {
    expect((await callApi("/api/v1/whoami/", { token: leaked.value, instance })).status).toBe(200);
    expect((await callApi("/api/v1/whoami/", { token: agent.value, instance })).status).toBe(200);
  }
  const values = [...distinct(499), leaked.value, ...Array(300).fill(leaked.value), ...distinct(199), agent.value];
  expect(values).toHaveLength(1000);
  const answer = await callApi("/api/v1/credentials/revoke", { method: "POST", body: { credentials: values }, instance: 0 });
  expect([answer.status, answer.text]).toEqual([202, '{"status":"accepted"}']);

  // The instance that answered refuses at once: no waiting, no second try.
  const next = await callApi("/api/v1/whoami/", { token: leaked.value, instance: 0 });
  expect(next.status).toBe(401);
  expect(next.json.error.message).toContain("revoked");
  expect((await callApi("/api/v1/whoami/", { token: agent.value, instance: 0 })).status).toBe(401);
  // The other instance is told through the database within a second (polled with a generous deadline).
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: leaked.value, instance: 1 })).status, { timeout: 5_000 }).toBe(401);
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: agent.value, instance: 1 })).status, { timeout: 5_000 }).toBe(401);
});
