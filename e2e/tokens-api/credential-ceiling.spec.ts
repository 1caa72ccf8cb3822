// A credential never obtains a stronger one, over HTTP, with the weakest callers an attacker could hold:
// a token narrowed to Settings.manage and bound to this machine cannot take over an unrestricted token of
// its tenant by rotating it; a value that a rotation replaced still calls the API during its grace period
// but manages no tokens; a one-day token cannot mint a token that outlives it.
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { auditEntries, tokenRow } from "../token-controls/support";
import { DAY_MS, tokenObjectSchema, tokenOf } from "./support";

const post = (token: string, path: string, body?: unknown) => callApi(path, { token, method: "POST", body: body ?? {} });
const LOOPBACK = ["127.0.0.0/8", "::1/128"];

test("a token narrowed to Settings.manage and one address cannot rotate an unrestricted admin token into its own hands", async ({ tenant }) => {
  const victim = await tokenOf(tenant, tenant.admin, "Admin's unrestricted pipeline");
  const narrow = await tokenOf(tenant, tenant.admin, "Narrow settings bot", { scopes: ["Settings.manage"], allowedIps: LOOPBACK });

  const takeover = await post(narrow.value, `/api/v1/tokens/${victim.token.id}/rotate/`, { gracePeriodSeconds: 604_800 });
  expect(takeover.status, takeover.text).toBe(403);
  expect(takeover.json.error.code).toBe("forbidden");
  expect(takeover.json.value).toBeUndefined();
  // Nothing happened to the victim: same value, no grace period started, no rotation audited.
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
  expect((await tokenRow(tenant.id, victim.token.id)).rotatedAt).toBeNull();
  expect((await auditEntries(tenant.id, victim.token.id)).map((entry) => entry.action)).not.toContain("token.rotated");

  // Same scopes but reachable from anywhere is stronger too; within both, the rotation goes through.
  const unbound = await tokenOf(tenant, tenant.admin, "Unbound settings bot", { scopes: ["Settings.manage"] });
  expect((await post(narrow.value, `/api/v1/tokens/${unbound.token.id}/rotate/`)).status).toBe(403);
  const peer = await tokenOf(tenant, tenant.admin, "Peer settings bot", { scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] });
  const rotated = await post(narrow.value, `/api/v1/tokens/${peer.token.id}/rotate/`);
  expect(rotated.status, rotated.text).toBe(200);
  expect(tokenObjectSchema.parse(rotated.json.token)).toMatchObject({ id: peer.token.id, scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] });
});

test("a value a rotation replaced still calls the API in its grace period, but cannot rotate, mint or revoke", async ({ tenant }) => {
  const own = await tokenOf(tenant, tenant.admin, "Rolling deploy key");
  const other = await tokenOf(tenant, tenant.admin, "Someone's report", { scopes: ["Investigation.read"] });
  const rotation = await post(own.value, "/api/v1/tokens/self/rotate/", { gracePeriodSeconds: 3600 });
  expect(rotation.status, rotation.text).toBe(200);
  const current: string = rotation.json.value;

  // The old value keeps authenticating ordinary calls during the grace period, and says it was replaced
  // (twice in a row: in the PostgreSQL run two instances answer in turn, each may hold it cached a moment).
  const replacedTwice = async () => [(await callApi("/api/v1/whoami/", { token: own.value })).json, (await callApi("/api/v1/whoami/", { token: own.value })).json].map((json) => json?.credential?.replacedValue);
  await expect.poll(replacedTwice, { timeout: 3000 }).toEqual([true, true]);
  // ...but every token-management call is 403, whatever it asks for.
  for (const [path, body] of [
    ["/api/v1/tokens/self/rotate/", { gracePeriodSeconds: 0 }],
    [`/api/v1/tokens/${own.token.id}/rotate/`, { gracePeriodSeconds: 0 }],
    [`/api/v1/tokens/${other.token.id}/rotate/`, {}],
    [`/api/v1/tokens/${other.token.id}/revoke/`, {}],
    ["/api/v1/tokens/", { name: "Made by the old value", expiresInDays: null }],
  ] as const) {
    const response = await post(own.value, path, body);
    expect(response.status, `${path}: ${response.text}`).toBe(403);
    expect(response.json.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("replaced by a rotation") });
  }
  // The owner's new value is untouched and still in charge; the other token lives.
  expect((await callApi("/api/v1/whoami/", { token: current })).status).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: other.value })).status).toBe(200);
  expect((await post(current, "/api/v1/tokens/", { name: "Made by the new value" })).status).toBe(201);
});

test("a one-day token cannot mint or rotate into a token that outlives it: the lifetime is shortened to its own", async ({ tenant }) => {
  const shortLived = await tokenOf(tenant, tenant.admin, "One-day bootstrap", { expiration: { kind: "days", days: 1 } });
  const callerExpiry = shortLived.token.expiresAt!;
  expect(Math.abs(callerExpiry - (Date.now() + DAY_MS))).toBeLessThan(60_000);

  for (const expiresInDays of [null, 3650, 30]) {
    const made = await post(shortLived.value, "/api/v1/tokens/", { name: `Outliving ${expiresInDays}`, expiresInDays });
    expect(made.status, made.text).toBe(201);
    expect(tokenObjectSchema.parse(made.json.token).expiresAt, `expiresInDays ${expiresInDays}`).toBe(callerExpiry);
    const generated = (await auditEntries(tenant.id, made.json.token.id)).find((entry) => entry.action === "token.generated");
    expect(JSON.parse(generated!.details)).toMatchObject({ expiryShortenedToCaller: true });
  }

  // A rotation's fresh lifetime is shortened the same way; rotating itself renews its own lifetime.
  const yearly = await tokenOf(tenant, tenant.admin, "Yearly export", { expiration: { kind: "days", days: 365 } });
  const rotated = await post(shortLived.value, `/api/v1/tokens/${yearly.token.id}/rotate/`);
  expect(rotated.status, rotated.text).toBe(200);
  expect(rotated.json.token.expiresAt).toBe(callerExpiry);
  const renewed = await post(shortLived.value, "/api/v1/tokens/self/rotate/");
  expect(renewed.status, renewed.text).toBe(200);
  expect(renewed.json.token.expiresAt).toBeGreaterThan(callerExpiry);
});
