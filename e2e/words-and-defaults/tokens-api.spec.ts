// The tokens API's new fields: a description on create (in every token object), and a rotation that sets
// a new expiry, checked against the tenant's maximum like a new token's and never past the caller's own.
import { callApi } from "../support/api-client";
import { createFreshTenant, expect, test } from "../support/fixtures";
import { DAY_MS, listSchema, tokenObjectSchema, tokenOf } from "../tokens-api/support";

test("a token made through the API keeps its description, shown in the list; a too long one is refused", async ({ tenant }) => {
  const caller = await tokenOf(tenant, tenant.admin, "Caller");
  const made = await callApi("/api/v1/tokens/", { token: caller.value, body: { name: "Described", description: "  Pulls closed alerts nightly  " } });
  expect(made.status).toBe(201);
  expect(tokenObjectSchema.parse(made.json.token).description).toBe("Pulls closed alerts nightly");
  const plain = await callApi("/api/v1/tokens/", { token: caller.value, body: { name: "Plain" } });
  expect(plain.json.token.description).toBeNull();
  // A name already in use is allowed.
  expect((await callApi("/api/v1/tokens/", { token: caller.value, body: { name: "Plain" } })).status).toBe(201);

  const list = listSchema.parse((await callApi("/api/v1/tokens/?limit=100", { token: caller.value })).json);
  expect(list.data.find((token) => token.id === made.json.token.id)?.description).toBe("Pulls closed alerts nightly");

  for (const description of ["x".repeat(501), 42, ["a"]]) {
    const refused = await callApi("/api/v1/tokens/", { token: caller.value, body: { name: "Too much", description } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "invalid_request", details: { description: expect.any(Array) } });
  }
});

test("a rotation sets a new expiry within the tenant's maximum and the caller's own lifetime", async () => {
  const tenant = await createFreshTenant({ newTenantPolicy: true });
  const caller = await tokenOf(tenant, tenant.admin, "Caller", { expiration: { kind: "days", days: 365 } });
  const target = await tokenOf(tenant, tenant.admin, "Target", { expiration: { kind: "days", days: 7 } });

  const rotated = await callApi(`/api/v1/tokens/${target.token.id}/rotate/`, { token: caller.value, body: { gracePeriodSeconds: 3600, expiresInDays: 90 } });
  expect(rotated.status).toBe(200);
  expect(Math.abs(rotated.json.token.expiresAt - (Date.now() + 90 * DAY_MS))).toBeLessThan(5 * 60_000);
  const renewed = await callApi(`/api/v1/tokens/${target.token.id}/rotate/`, { token: caller.value, body: {} });
  expect(Math.abs(renewed.json.token.expiresAt - (Date.now() + 90 * DAY_MS))).toBeLessThan(5 * 60_000);

  // Beyond the new tenant's 1-year maximum, no expiry at all, or not a number of days: 400, nothing rotated.
  for (const expiresInDays of [400, null, 0, "30", 1.5]) {
    const refused = await callApi(`/api/v1/tokens/${target.token.id}/rotate/`, { token: caller.value, body: { expiresInDays } });
    expect(refused.status, JSON.stringify(expiresInDays)).toBe(400);
    expect(refused.json.error.code).toBe("invalid_request");
  }
  expect((await callApi("/api/v1/whoami/", { token: renewed.json.value })).status).toBe(200);

  // A short-lived caller cannot lengthen another token past its own expiry.
  const shortCaller = await tokenOf(tenant, tenant.admin, "Short caller", { expiration: { kind: "days", days: 2 } });
  const capped = await callApi(`/api/v1/tokens/${target.token.id}/rotate/`, { token: shortCaller.value, body: { expiresInDays: 365 } });
  expect(capped.status).toBe(200);
  expect(capped.json.token.expiresAt).toBeLessThanOrEqual(Date.now() + 2 * DAY_MS + 60_000);

  // self/rotate takes no new expiry: its body stays as it was.
  const self = await callApi("/api/v1/tokens/self/rotate/", { token: shortCaller.value, body: { expiresInDays: 30 } });
  expect(self.status).toBe(400);
});

test("another tenant's token cannot be rotated to a new expiry", async ({ tenant }) => {
  const other = await createFreshTenant();
  const victim = await tokenOf(other, other.admin, "Victim");
  const caller = await tokenOf(tenant, tenant.admin, "Caller");
  const refused = await callApi(`/api/v1/tokens/${victim.token.id}/rotate/`, { token: caller.value, body: { expiresInDays: 30 } });
  expect(refused.status).toBe(404);
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
});
