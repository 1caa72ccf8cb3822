// Making a token through the API: only a user's token holding Settings.manage may, for its own issuer,
// and never more than it holds itself (scopes, allowed IP ranges); the tenant's lifetime policy holds as
// in the portal; an application's access token and an integration's token are refused; a bad body is a
// 4xx JSON answer, never a 500.
import { setTokenPolicy } from "@/lib/tokens/token-policy";
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { setUpApp, v2Token } from "../support/oauth";
import { actorOf, auditEntries } from "../token-controls/support";
import { DAY_MS, integrationTokenOf, tokenObjectSchema, tokenOf } from "./support";

const create = (token: string, body: unknown, path = "/api/v1/tokens/") => callApi(path, { token, method: "POST", body });

test("an admin's token makes a token for its issuer: 30 days, all of the role, shown once, audited via the API", async ({ tenant }) => {
  const caller = await tokenOf(tenant, tenant.admin, "Provisioning script");
  for (const path of ["/api/v1/tokens/", "/api/v1/tokens"]) {
    const response = await create(caller.value, { name: `Made by script ${path.length}` }, path);
    expect(response.status, response.text).toBe(201);
    expect(Object.keys(response.json).sort()).toEqual(["token", "value"]);
    const token = tokenObjectSchema.parse(response.json.token);
    expect(response.json.value).toMatch(/^kpat_[0-9A-Za-z]{49}$/);
    expect(token).toMatchObject({ createdBy: { email: tenant.admin.email }, status: "generated", scopes: null, allowedIps: [], lastUsedAt: null });
    expect(Math.abs(token.expiresAt! - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);

    const whoami = await callApi("/api/v1/whoami/", { token: response.json.value });
    expect(whoami.status).toBe(200);
    expect(whoami.json.credential).toMatchObject({ id: token.id, name: token.name });

    const generated = (await auditEntries(tenant.id, token.id)).find((entry) => entry.action === "token.generated");
    expect(generated?.actorUserId).toBe(tenant.admin.id);
    expect(JSON.parse(generated!.details)).toMatchObject({ via: "api", credential: `API token "Provisioning script" (${caller.token.id})` });
  }
});

test("a token never makes a token holding more than itself", async ({ tenant }) => {
  const narrowed = await tokenOf(tenant, tenant.admin, "Narrowed", { scopes: ["Settings.manage", "Investigation.read"] });
  const inherited = await create(narrowed.value, { name: "Inherits" });
  expect(inherited.status, inherited.text).toBe(201);
  expect(inherited.json.token.scopes).toEqual(["Investigation.read", "Settings.manage"]);
  expect((await callApi("/api/v1/whoami/", { token: inherited.json.value })).json.scopes).toEqual(["Investigation.read", "Settings.manage"]);

  const narrower = await create(narrowed.value, { name: "Narrower", scopes: ["Investigation.read"] });
  expect(narrower.status).toBe(201);
  expect(narrower.json.token.scopes).toEqual(["Investigation.read"]);

  const wider = await create(narrowed.value, { name: "Wider", scopes: ["Investigation.read", "Discovery.manage"] });
  expect(wider.status).toBe(403);
  expect(wider.json.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("Discovery.manage") });

  const unknown = await create(narrowed.value, { name: "Unknown", scopes: ["Investigation.read", "Everything.manage"] });
  expect(unknown.status).toBe(400);
  expect(unknown.json.error).toMatchObject({ code: "invalid_request", details: { scopes: [expect.stringContaining("Everything.manage")] } });

  // Allowed IP ranges: a token limited to the loopback makes tokens limited to it, or to part of it.
  const fenced = await tokenOf(tenant, tenant.admin, "Fenced", { allowedIps: ["127.0.0.0/8", "::1"] });
  const fencedChild = await create(fenced.value, { name: "Fenced child" });
  expect(fencedChild.status, fencedChild.text).toBe(201);
  expect(fencedChild.json.token.allowedIps).toEqual(["127.0.0.0/8", "::1/128"]);
  const part = await create(fenced.value, { name: "Part", allowedIps: ["127.0.0.1"] });
  expect(part.status).toBe(201);
  expect(part.json.token.allowedIps).toEqual(["127.0.0.1/32"]);
  const escape = await create(fenced.value, { name: "Escape", allowedIps: ["10.0.0.0/8"] });
  expect(escape.status).toBe(403);
  expect(escape.json.error).toMatchObject({ code: "forbidden", details: { allowedIps: [expect.stringContaining("10.0.0.0/8")] } });
  expect((await create(fenced.value, { name: "Everywhere", allowedIps: ["0.0.0.0/0"] })).status).toBe(403);
});

test("only a token holding Settings.manage makes tokens: operators', readers' and narrowed admins' are refused", async ({ tenant }) => {
  for (const token of [
    await tokenOf(tenant, tenant.operator, "Operator's"),
    await tokenOf(tenant, tenant.reader, "Reader's"),
    await tokenOf(tenant, tenant.admin, "Admin read-only", { scopes: ["Investigation.read", "Settings.read"] }),
  ]) {
    const response = await create(token.value, { name: "Should not exist" });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("forbidden");
  }
});

test("the tenant's lifetime policy: the default, the maximum, and no 'never' under a maximum", async ({ tenant }) => {
  // A caller that never expires itself, so that only the policy bounds what it makes.
  const caller = await tokenOf(tenant, tenant.admin, "Caller", { expiration: { kind: "never" } });
  const never = await create(caller.value, { name: "Forever", expiresInDays: null });
  expect(never.status).toBe(201);
  expect(never.json.token.expiresAt).toBeNull();
  const tenYears = await create(caller.value, { name: "Ten years", expiresInDays: 3650 });
  expect(tenYears.status).toBe(201);
  for (const expiresInDays of [0, 3651, 1.5, "30", -1]) {
    const response = await create(caller.value, { name: "Bad lifetime", expiresInDays });
    expect(response.status, String(expiresInDays)).toBe(400);
    expect(Object.keys(response.json.error.details)).toContain("expiresInDays");
  }

  await setTokenPolicy(actorOf(tenant, tenant.admin), 90);
  const defaulted = await create(caller.value, { name: "Defaulted" });
  expect(Math.abs(defaulted.json.token.expiresAt - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
  const quarter = await create(caller.value, { name: "Quarter", expiresInDays: 90 });
  expect(quarter.status).toBe(201);
  for (const expiresInDays of [91, 365, null]) {
    const response = await create(caller.value, { name: "Beyond the policy", expiresInDays });
    expect(response.status, String(expiresInDays)).toBe(400);
    expect(response.json.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining("at most 90 days") });
  }
});

test("an application's access token and an integration's token cannot make user tokens", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Settings.manage", "Investigation.read"]);
  const bearer = await v2Token(tenant.id, app.clientId, app.clientSecret);
  const byApp = await callApi("/api/v1/tokens/", { authorization: `Bearer ${bearer}`, method: "POST", body: { name: "App-made" } });
  expect(byApp.status).toBe(403);
  expect(byApp.json.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("application's access token") });
  const listByApp = await callApi("/api/v1/tokens/", { authorization: `Bearer ${bearer}` });
  expect(listByApp.status).toBe(403);

  const agent = await integrationTokenOf(tenant, "SIEM_AGENT", "Agent");
  const byAgent = await create(agent.value, { name: "Agent-made" });
  expect(byAgent.status).toBe(403);
  expect(byAgent.json.error.code).toBe("forbidden");
});

test("bad bodies are 4xx JSON answers, never a 500", async ({ tenant }) => {
  const caller = await tokenOf(tenant, tenant.admin, "Caller");
  const bodies: [unknown, number][] = [
    ["{not json", 400],
    ["[]", 400],
    ["null", 400],
    ['"name"', 400],
    [{}, 400],
    [{ name: "" }, 400],
    [{ name: "   " }, 400],
    [{ name: 42 }, 400],
    [{ name: "x".repeat(101) }, 400],
    [{ name: "Typo", expiresIn: 30 }, 400],
    [{ name: "Scopes", scopes: "Investigation.read" }, 400],
    [{ name: "Ips", allowedIps: ["not an address"] }, 400],
    [{ name: "Ips", allowedIps: "127.0.0.1" }, 400],
    [{ name: "x", pad: "y".repeat(300 * 1024) }, 413],
  ];
  for (const [body, status] of bodies) {
    const response = await create(caller.value, body);
    expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(response.json.error.code).toBe(status === 413 ? "payload_too_large" : "invalid_request");
  }
});
