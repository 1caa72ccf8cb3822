// HTTP rules of the API guard (status, error code, WWW-Authenticate, JSON body), checked with a plain HTTP client against the running server.
import { generateToken } from "@/lib/tokens/generate-token";
import { setUserProvisioning } from "@/lib/users/manage-users";
import { callApi, tenantHost } from "../support/api-client";
import { expect, test } from "../support/fixtures";

test("no credential, a malformed header, a bad checksum or an unknown token: 401 JSON with WWW-Authenticate", async () => {
  const cases = [
    {},
    { authorization: "Token" },
    { authorization: "Basic dXNlcjpwYXNz" },
    { authorization: "Token a b" },
    { token: "kpat_not-a-token" },
    { token: "kpat_" + "A".repeat(49) },
  ];
  for (const options of cases) {
    const response = await callApi("/api/v1/whoami/", options);
    expect(response.status, JSON.stringify(options)).toBe(401);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(response.json.error.code).toBe("unauthorized");
    expect(typeof response.json.error.message).toBe("string");
    expect(response.headers["www-authenticate"]).toMatch(/Token/);
  }
});

test("a valid token answers with its tenant, issuer and the issuer's scopes, with or without the trailing slash", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "whoami" });
  for (const path of ["/api/v1/whoami/", "/api/v1/whoami"]) {
    const response = await callApi(path, { token: token.value });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      tenant: { id: tenant.id, slug: tenant.slug },
      user: { id: tenant.reader.id, email: tenant.reader.email, role: "SECURITY_READER" },
      credential: { type: "token", kind: "API_TOKEN" },
    });
    expect([...response.json.scopes].sort()).toEqual(["Discovery.read", "Investigation.read", "Settings.read"]);
  }
});

test("on a tenant URL a token of another tenant is refused with 401; on its own tenant URL it works", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "tenant check" });
  expect((await callApi("/api/v1/whoami/", { token: token.value, host: tenantHost(tenant.slug) })).status).toBe(200);
  const wrong = await callApi("/api/v1/whoami/", { token: token.value, host: tenantHost("contoso") });
  expect(wrong.status).toBe(401);
  expect(wrong.json.error.code).toBe("unauthorized");
});

test("a deprovisioned issuer's token is refused with 403 permission_denied, and works again after reprovisioning", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "operator token" });
  expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);

  await setUserProvisioning({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.operator.id, false);
  // Another process changed the database: a server's token cache may hold the old state for at most a
  // second. Asked of each instance (the PostgreSQL run has two behind its proxy; elsewhere both are the one).
  const codeOn = async (instance: number) => (await callApi("/api/v1/whoami/", { token: token.value, instance })).json?.error?.code ?? "none";
  await expect.poll(async () => [await codeOn(0), await codeOn(1)], { timeout: 3000 }).toEqual(["permission_denied", "permission_denied"]);
  const refused = await callApi("/api/v1/whoami/", { token: token.value, instance: 0 });
  expect(refused.status).toBe(403);
  expect(refused.json.error.message).toMatch(/permission denied/i);

  await setUserProvisioning({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.operator.id, true);
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: token.value })).status, { timeout: 3000 }).toBe(200);
});

test("each call records the token's last use, with the caller's address and user agent", async ({ tenant }) => {
  const { findTokenRow } = await import("../support/e2e-data");
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "last use" });
  expect((await findTokenRow(token.id))?.lastUsedAt).toBeNull();
  await callApi("/api/v1/whoami/", { token: token.value });
  await expect.poll(async () => (await findTokenRow(token.id))?.lastUsedAt, { timeout: 3000 }).toBeTruthy();
  const row = await findTokenRow(token.id);
  expect(row?.lastUsedAgent).toBe("keyport-e2e-script/1.0");
});
