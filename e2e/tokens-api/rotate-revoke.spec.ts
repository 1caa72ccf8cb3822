// Revoking and rotating through the API: a token holding Settings.manage acts on any API token of its
// tenant, and another tenant's or an unknown id is 404; the old value of a rotation works through its
// grace period, then gets 401 (the period's end is moved into the past, nobody sleeps); any token may
// rotate itself.
import { callApi } from "../support/api-client";
import { createFreshTenant, expect, test } from "../support/fixtures";
import { auditEntries, endGracePeriod, tokenRow } from "../token-controls/support";
import { integrationTokenOf, tokenObjectSchema, tokenOf } from "./support";

const post = (token: string, path: string, body?: unknown) => callApi(path, { token, method: "POST", body: body ?? {} });

/** Twice in a row: in the PostgreSQL run two instances answer in turn, and each holds a looked-up token up to a second. */
const statusTwice = async (value: string) => [(await callApi("/api/v1/whoami/", { token: value })).status, (await callApi("/api/v1/whoami/", { token: value })).status];

test("an admin's token revokes a reader's token and the reader's script gets 401 at once", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Admin automation");
  const reader = await tokenOf(tenant, tenant.reader, "Reader script");
  expect((await callApi("/api/v1/whoami/", { token: reader.value })).status).toBe(200);

  const response = await post(admin.value, `/api/v1/tokens/${reader.token.id}/revoke/`);
  expect(response.status, response.text).toBe(200);
  expect(Object.keys(response.json)).toEqual(["token"]);
  expect(tokenObjectSchema.parse(response.json.token)).toMatchObject({ id: reader.token.id, name: "Reader script" });
  await expect.poll(() => statusTwice(reader.value), { timeout: 3000 }).toEqual([401, 401]);

  // Revoked tokens are gone: a second revocation, and the list, do not find it.
  expect((await post(admin.value, `/api/v1/tokens/${reader.token.id}/revoke`)).status).toBe(404);
  const revoked = (await auditEntries(tenant.id, reader.token.id)).find((entry) => entry.action === "token.revoked");
  expect(revoked?.actorUserId).toBe(tenant.admin.id);
  expect(JSON.parse(revoked!.details)).toMatchObject({ via: "api", credential: `API token "Admin automation" (${admin.token.id})` });
});

test("another tenant's token id, an unknown id or a SIEM agent's id is 404; a token without Settings.manage is 403", async ({ tenant }) => {
  const other = await createFreshTenant();
  const admin = await tokenOf(tenant, tenant.admin, "Admin automation");
  const foreign = await tokenOf(other, other.admin, "Foreign");
  const agent = await integrationTokenOf(tenant, "SIEM_AGENT", "Agent");
  for (const id of [foreign.token.id, agent.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "%E2%9C%93"]) {
    for (const action of ["revoke", "rotate"]) {
      const response = await post(admin.value, `/api/v1/tokens/${id}/${action}/`);
      expect(response.status, `${action} ${id}`).toBe(404);
      expect(response.json.error.code).toBe("not_found");
    }
  }
  expect((await callApi("/api/v1/whoami/", { token: foreign.value })).status).toBe(200);

  const operator = await tokenOf(tenant, tenant.operator, "Operator's");
  const own = await tokenOf(tenant, tenant.operator, "Operator's other");
  for (const action of ["revoke", "rotate"]) {
    const response = await post(operator.value, `/api/v1/tokens/${own.token.id}/${action}/`);
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("forbidden");
  }
});

test("rotation with a grace period: same token, new value; the old value works until the grace period ends, then 401", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Admin automation");
  const target = await tokenOf(tenant, tenant.operator, "Splunk forwarder", { scopes: ["Investigation.manage"], allowedIps: ["127.0.0.0/8", "::1"] });
  const before = await tokenRow(tenant.id, target.token.id);

  const response = await post(admin.value, `/api/v1/tokens/${target.token.id}/rotate/`, { gracePeriodSeconds: 3600 });
  expect(response.status, response.text).toBe(200);
  expect(Object.keys(response.json).sort()).toEqual(["token", "value"]);
  const token = tokenObjectSchema.parse(response.json.token);
  expect(token).toMatchObject({ id: target.token.id, name: "Splunk forwarder", scopes: ["Investigation.manage"], allowedIps: ["127.0.0.0/8", "::1/128"] });
  expect(response.json.value).not.toBe(target.value);
  const after = await tokenRow(tenant.id, target.token.id);
  expect(after.lifetimeSeconds).toBe(before.lifetimeSeconds);
  expect(Math.abs(after.previousValidUntil!.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);

  await expect.poll(() => statusTwice(target.value), { timeout: 3000 }).toEqual([200, 200]);
  expect(await statusTwice(response.json.value)).toEqual([200, 200]);

  await endGracePeriod(tenant.id, target.token.id);
  await expect.poll(() => statusTwice(target.value), { timeout: 3000 }).toEqual([401, 401]);
  expect(await statusTwice(response.json.value)).toEqual([200, 200]);

  const rotated = (await auditEntries(tenant.id, target.token.id)).find((entry) => entry.action === "token.rotated");
  expect(JSON.parse(rotated!.details)).toMatchObject({ via: "api", gracePeriodSeconds: 3600, credential: `API token "Admin automation" (${admin.token.id})` });
});

test("rotation without a grace period refuses the old value at once; bad grace periods are 400", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Admin automation");
  const target = await tokenOf(tenant, tenant.reader, "Immediate");
  for (const body of [{ gracePeriodSeconds: -1 }, { gracePeriodSeconds: 604_801 }, { gracePeriodSeconds: "60" }, { gracePeriodSeconds: 1.5 }, { grace: 60 }, "[]", "{oops"]) {
    const response = await post(admin.value, `/api/v1/tokens/${target.token.id}/rotate/`, body);
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(response.json.error.code).toBe("invalid_request");
  }
  const response = await post(admin.value, `/api/v1/tokens/${target.token.id}/rotate`, { gracePeriodSeconds: 0 });
  expect(response.status).toBe(200);
  await expect.poll(() => statusTwice(target.value), { timeout: 3000 }).toEqual([401, 401]);
  expect(await statusTwice(response.json.value)).toEqual([200, 200]);
});

test("any token rotates itself: a reader's token and a SIEM agent's, but not an application's access token", async ({ tenant }) => {
  const reader = await tokenOf(tenant, tenant.reader, "Reader script");
  const self = await post(reader.value, "/api/v1/tokens/self/rotate/", { gracePeriodSeconds: 60 });
  expect(self.status, self.text).toBe(200);
  expect(self.json.token).toMatchObject({ id: reader.token.id, name: "Reader script" });
  expect(await statusTwice(self.json.value)).toEqual([200, 200]);

  const agent = await integrationTokenOf(tenant, "SIEM_AGENT", "Agent");
  const agentSelf = await post(agent.value, "/api/v1/tokens/self/rotate", {});
  expect(agentSelf.status, agentSelf.text).toBe(200);
  expect(agentSelf.json.value).toMatch(/^kpsa_/);
  expect(agentSelf.json.token).toMatchObject({ id: agent.id, name: "Agent" });
  await expect.poll(() => statusTwice(agent.value), { timeout: 3000 }).toEqual([401, 401]);
  const entry = (await auditEntries(tenant.id, agent.id)).find((event) => event.action === "token.rotated");
  expect(JSON.parse(entry!.details)).toMatchObject({ via: "api", credential: `SIEM agent "Agent" (${agent.id})` });
});
