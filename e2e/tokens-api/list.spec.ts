// Listing tokens through the API: a full admin's token sees the tenant's API tokens, anybody else's only
// their own; SIEM agents, log collectors and revoked tokens are never listed; the list contract's
// filters and sorting work on names, issuers, statuses and times; a bad query is a 400 naming the problem.
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { actorOf, setTokenExpiry } from "../token-controls/support";
import { backdateTokenUse } from "../support/e2e-data";
import { integrationTokenOf, listSchema, tokenOf } from "./support";

test("an admin's token lists the tenant's API tokens; a reader's token only the reader's own", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Admin automation");
  const reader = await tokenOf(tenant, tenant.reader, "Reader dashboard");
  await tokenOf(tenant, tenant.operator, "Operator SOAR");
  const gone = await tokenOf(tenant, tenant.operator, "Revoked one");
  await revokeApiToken(actorOf(tenant, tenant.operator), gone.token.id);
  await integrationTokenOf(tenant, "SIEM_AGENT", "Splunk agent");

  for (const path of ["/api/v1/tokens", "/api/v1/tokens/"]) {
    const all = await callApi(`${path}?limit=100`, { token: admin.value });
    expect(all.status, path).toBe(200);
    const page = listSchema.parse(all.json);
    expect(page.data.map((token) => token.name).sort()).toEqual(["Admin automation", "Operator SOAR", "Reader dashboard"]);
    expect(page).toMatchObject({ total: 3, hasNext: false });
  }
  // Newest first, and each token object says who made it.
  const all = listSchema.parse((await callApi("/api/v1/tokens/", { token: admin.value })).json);
  expect(all.data[0]).toMatchObject({ name: "Operator SOAR", createdBy: { email: tenant.operator.email }, scopes: null, allowedIps: [] });

  const own = await callApi("/api/v1/tokens/", { token: reader.value });
  expect(own.status).toBe(200);
  expect(listSchema.parse(own.json).data.map((token) => token.name)).toEqual(["Reader dashboard"]);

  // An admin's token narrowed to investigation scopes holds no settings scope: it lists its issuer's own only.
  const narrowed = await tokenOf(tenant, tenant.admin, "Admin read-only", { scopes: ["Investigation.read"] });
  const narrow = listSchema.parse((await callApi("/api/v1/tokens/", { token: narrowed.value })).json);
  expect(narrow.data.map((token) => token.name).sort()).toEqual(["Admin automation", "Admin read-only"]);
});

test("skip, limit and status page and filter the list", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Caller");
  const used = await tokenOf(tenant, tenant.reader, "Used last month");
  await backdateTokenUse(used.token.id, new Date(Date.now() - 30 * 24 * 3600 * 1000));
  const expired = await tokenOf(tenant, tenant.reader, "Expired already");
  await setTokenExpiry(tenant.id, expired.token.id, new Date(Date.now() - 60_000));
  await tokenOf(tenant, tenant.reader, "Never used");
  const recent = await tokenOf(tenant, tenant.reader, "Used an hour ago");
  await backdateTokenUse(recent.token.id, new Date(Date.now() - 3600_000));

  const first = listSchema.parse((await callApi("/api/v1/tokens/?skip=0&limit=2", { token: admin.value })).json);
  expect(first).toMatchObject({ total: 5, hasNext: true });
  expect(first.data).toHaveLength(2);
  const rest = listSchema.parse((await callApi("/api/v1/tokens/?skip=2&limit=3", { token: admin.value })).json);
  expect(rest).toMatchObject({ total: 5, hasNext: false });
  expect([...first.data, ...rest.data].map((token) => token.id)).toHaveLength(new Set([...first.data, ...rest.data].map((token) => token.id)).size);

  const names = async (query: string) => listSchema.parse((await callApi(`/api/v1/tokens/?${query}`, { token: admin.value })).json).data.map((token) => token.name);
  expect(await names("status=inactive")).toEqual(["Used last month"]);
  expect(await names("status=expired")).toEqual(["Expired already"]);
  // The caller's own last use is written in the background: it is left out of the answers checked here.
  const others = (list: string[]) => list.filter((name) => name !== "Caller");
  expect(others(await names("status=generated"))).toEqual(["Never used"]);
  expect(others(await names("status=active"))).toEqual(["Used an hour ago"]);
});

test("the list contract: name contains, createdBy, expiry ranges, and sorting by created, last used and expiry", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Caller");
  const soon = await tokenOf(tenant, tenant.operator, "Deploy pipeline A");
  await setTokenExpiry(tenant.id, soon.token.id, new Date(Date.now() + 2 * 24 * 3600 * 1000));
  const never = await tokenOf(tenant, tenant.operator, "deploy pipeline B");
  await setTokenExpiry(tenant.id, never.token.id, null);
  const late = await tokenOf(tenant, tenant.reader, "Grafana");
  await backdateTokenUse(late.token.id, new Date(Date.now() - 3600_000));

  const list = async (query: Record<string, unknown>) => {
    const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
    const response = await callApi(`/api/v1/tokens/?${params}`, { token: admin.value });
    expect(response.status, response.text).toBe(200);
    return listSchema.parse(response.json).data.map((token) => token.name);
  };
  expect((await list({ filters: { name: { contains: ["PIPELINE"] } } })).sort()).toEqual(["Deploy pipeline A", "deploy pipeline B"]);
  expect((await list({ filters: { createdBy: { eq: [tenant.operator.email] } } })).sort()).toEqual(["Deploy pipeline A", "deploy pipeline B"]);
  expect(await list({ filters: { expiresAt: { range: { start: Date.now(), end: Date.now() + 7 * 24 * 3600 * 1000 } } } })).toEqual(["Deploy pipeline A"]);
  expect(await list({ filters: { expiresAt: { isnotset: true } } })).toEqual(["deploy pipeline B"]);
  expect(await list({ filters: { status: { eq: ["generated"] }, createdBy: { contains: ["operator@"] } }, sortField: "expiresAt", sortDirection: "asc" })).toEqual([
    "Deploy pipeline A",
    "deploy pipeline B",
  ]);
  // Sorted by last use, the never-used come last either way (the caller's own use is written in the background).
  const others = (names: string[]) => names.filter((name) => name !== "Caller");
  for (const sortDirection of ["desc", "asc"]) {
    const byUse = others(await list({ sortField: "lastUsedAt", sortDirection }));
    expect(byUse[0]).toBe("Grafana");
    expect(byUse.slice(1).sort()).toEqual(["Deploy pipeline A", "deploy pipeline B"]);
  }
  expect(await list({ sortField: "createdAt", sortDirection: "asc" })).toEqual(["Caller", "Deploy pipeline A", "deploy pipeline B", "Grafana"]);
});

test("a bad list query is a 400 invalid_request naming each problem", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Caller");
  const cases: [string, string][] = [
    ["status=revoked", "status"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["skip=-1", "skip"],
    ["sortField=digest", "sortField"],
    ["filters=%7Bnot-json", "filters"],
    [`filters=${encodeURIComponent(JSON.stringify({ digest: { eq: ["x"] } }))}`, "filters.digest"],
    [`filters=${encodeURIComponent(JSON.stringify({ expiresAt: { gt: "tomorrow" } }))}`, "filters.expiresAt.gt"],
    [`filters=${encodeURIComponent(JSON.stringify({ status: { eq: ["revoked"] } }))}`, "filters.status.eq"],
  ];
  for (const [query, field] of cases) {
    const response = await callApi(`/api/v1/tokens/?${query}`, { token: admin.value });
    expect(response.status, query).toBe(400);
    expect(response.json.error.code, query).toBe("invalid_request");
    expect(Object.keys(response.json.error.details ?? {}), query).toContain(field);
  }
});
