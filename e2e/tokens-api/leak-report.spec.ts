// Reporting leaked credentials: anybody may post values to /api/v1/credentials/revoke without
// authenticating; every live Keyport credential among them is revoked from the next request on, and the
// answer is the same whatever was found, so the endpoint tells nothing about validity. The owner of a
// reported token is told on their next visit to the portal.
import { randomBytes } from "node:crypto";
import { newClientSecretValue, newTokenValue } from "@/lib/tokens/token-format";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { postForm, RESOURCE, setUpApp } from "../support/oauth";
import { actorOf, auditEntries } from "../token-controls/support";
import { integrationTokenOf, tokenOf } from "./support";

const report = (credentials: unknown, path = "/api/v1/credentials/revoke") => callApi(path, { method: "POST", body: typeof credentials === "string" ? credentials : { credentials } });

/** Twice in a row: in the PostgreSQL run two instances answer in turn, and each holds a looked-up token up to a second. */
const statusTwice = async (value: string) => [(await callApi("/api/v1/whoami/", { token: value })).status, (await callApi("/api/v1/whoami/", { token: value })).status];

test("a reported token is refused at once, and the answer is byte for byte the one for values that are nothing", async ({ tenant }) => {
  const leaked = await tokenOf(tenant, tenant.operator, "Pasted in a gist");
  const agent = await integrationTokenOf(tenant, "LOG_COLLECTOR", "Proxy collector");
  expect(await statusTwice(leaked.value)).toEqual([200, 200]);

  const found = await report([leaked.value, agent.value]);
  const unknown = await report([newTokenValue("API_TOKEN"), newClientSecretValue()]);
  const garbage = await report(["not a credential", `ghp_${randomBytes(18).toString("hex")}`]);
  for (const answer of [found, unknown, garbage]) {
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('{"status":"accepted"}');
    expect(answer.headers["content-type"]).toBe(found.headers["content-type"]);
    expect(answer.headers["cache-control"]).toBe("no-store");
  }
  // The same without the trailing slash… and with it.
  expect((await report([newTokenValue("SIEM_AGENT")], "/api/v1/credentials/revoke/")).text).toBe('{"status":"accepted"}');

  await expect.poll(() => statusTwice(leaked.value), { timeout: 3000 }).toEqual([401, 401]);
  await expect.poll(() => statusTwice(agent.value), { timeout: 3000 }).toEqual([401, 401]);
  expect((await callApi("/api/v1/whoami/", { token: leaked.value })).json.error.message).toContain("revoked");

  // In the audit log as "reported leaked", naming the reporter's address; no user acted.
  for (const token of [leaked.token, agent]) {
    const entries = (await auditEntries(tenant.id, token.id)).filter((entry) => entry.action === "token.reportedLeaked");
    expect(entries).toHaveLength(1);
    expect(entries[0].actorUserId).toBeNull();
    expect(JSON.parse(entries[0].details)).toMatchObject({ via: "leak_report", reporterIp: "127.0.0.1", name: token.name });
  }
});

test("the value a rotation replaced, reported during its grace period, revokes the token", async ({ tenant }) => {
  const made = await tokenOf(tenant, tenant.reader, "Rotated yesterday");
  const rotated = await rotateApiToken(actorOf(tenant, tenant.reader), made.token.id, { graceSeconds: 86_400 });
  expect((await report([made.value])).status).toBe(202);
  await expect.poll(() => statusTwice(rotated.value), { timeout: 3000 }).toEqual([401, 401]);
});

test("a reported client secret no longer gets access tokens", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const form = { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` };
  expect((await postForm(`/${tenant.id}/oauth2/v2.0/token`, form)).status).toBe(200);

  const answer = await report([app.clientSecret]);
  expect([answer.status, answer.text]).toEqual([202, '{"status":"accepted"}']);
  const refused = await postForm(`/${tenant.id}/oauth2/v2.0/token`, form);
  expect(refused.status).toBe(401);
  expect(refused.json.error).toBe("invalid_client");
});

test("bad reports are 400 invalid_request; other methods 405", async () => {
  const bodies = ["{oops", "[]", "null", '{"credentials": []}', '{"credentials": "kpat_x"}', '{"credentials": [1, 2]}', '{"credentials": [null]}', '{"values": ["x"]}', JSON.stringify({ credentials: Array(1001).fill("x") })];
  for (const body of bodies) {
    const response = await report(body);
    expect(response.status, body.slice(0, 40)).toBe(400);
    expect(response.json.error.code).toBe("invalid_request");
  }
  expect((await callApi("/api/v1/credentials/revoke", { method: "GET" })).status).toBe(405);
  // The largest report (1000 values) is well inside the body limit.
  const large = await report(Array.from({ length: 1000 }, () => newTokenValue("API_TOKEN")));
  expect([large.status, large.text]).toEqual([202, '{"status":"accepted"}']);
});

test("the owner of a reported token sees a notice on their next visit, until they dismiss it", async ({ page, context, tenant }) => {
  const leaked = await tokenOf(tenant, tenant.operator, "CI deploy key");
  await tokenOf(tenant, tenant.operator, "Still fine");
  expect((await report([leaked.value])).status).toBe(202);

  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/alerts");
  const notice = page.getByRole("region", { name: "A token of yours was reported leaked" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Your token “CI deploy key” was reported leaked and revoked on');
  await expect(notice).not.toContainText("Still fine");
  await expect(notice.getByRole("link", { name: "API tokens" })).toHaveAttribute("href", "/settings/api-tokens");

  // On every portal page, the tokens page included, until dismissed.
  await gotoReady(page, "/settings/api-tokens");
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens" }).first()).toBeVisible();
  await expect(notice).toHaveCount(0);

  // A later report shows again.
  const second = await tokenOf(tenant, tenant.operator, "Second key");
  expect((await report([second.value])).status).toBe(202);
  await gotoReady(page, "/settings/api-tokens");
  await expect(notice).toContainText('Your token “Second key” was reported leaked');
  await expect(notice).not.toContainText("CI deploy key");
});

test("nobody else is told about another user's reported token", async ({ page, context, tenant }) => {
  const leaked = await tokenOf(tenant, tenant.operator, "Operator's leaked key");
  expect((await report([leaked.value])).status).toBe(202);
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens" }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: /reported leaked/ })).toHaveCount(0);
});
