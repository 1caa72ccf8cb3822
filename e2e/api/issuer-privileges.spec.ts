// A token holds its issuer's privileges as they are at each request: role changes, deprovisioning and
// revocation reach resource endpoints, not only whoami.
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { setUserProvisioning, setUserRole } from "@/lib/users/manage-users";
import { resourceIdsOf } from "../support/e2e-data";
import { callApi, tenantHost } from "../support/api-client";
import { expect, test } from "../support/fixtures";

const closeOne = async (tenantId: string, token: string) => {
  const { openAlertIds } = await resourceIdsOf(tenantId);
  return callApi("/api/v1/alerts/close_benign/", { token, body: { filters: { id: { eq: [openAlertIds[0]] } } } });
};

test("changing the issuer's role changes what the existing token may do", async ({ tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "role follows" });
  const refused = await closeOne(tenant.id, token);
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("forbidden");
  expect((await callApi("/api/v1/alerts/?limit=1", { token })).status).toBe(200);

  await expect(setUserRole({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.reader.id, "SECURITY_OPERATOR")).resolves.toBeUndefined();
  // This change came from another process: the server may hold the old role for at most a second.
  await expect.poll(async () => (await closeOne(tenant.id, token)).status, { timeout: 3000 }).toBe(200);

  await setUserRole({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.reader.id, "SECURITY_READER");
  await expect.poll(async () => (await closeOne(tenant.id, token)).json?.error?.code, { timeout: 3000 }).toBe("forbidden");
});

test("a revoked token is 401 and a deprovisioned issuer's token is 403 permission_denied on resource endpoints", async ({ tenant }) => {
  const revoked = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "to revoke" });
  expect((await callApi("/api/v1/activities/?limit=1", { token: revoked.value })).status).toBe(200);
  await revokeApiToken({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, revoked.id);
  await expect.poll(async () => (await callApi("/api/v1/activities/?limit=1", { token: revoked.value })).status, { timeout: 3000 }).toBe(401);

  const kept = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "kept" });
  await setUserProvisioning({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.operator.id, false);
  await expect.poll(async () => (await callApi("/api/v1/subnet/", { token: kept.value })).json?.error?.code, { timeout: 3000 }).toBe("permission_denied");
  const refused = await callApi("/api/v1/subnet/create_rule/", { token: kept.value, body: { name: "x", category: 1, subnets: ["10.0.0.0/8"] } });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("permission_denied");
});

test("a token used on another tenant's URL is 401, on the generic URL its own tenant answers", async ({ tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "hosts" });
  const wrong = await callApi("/api/v1/alerts/", { token, host: tenantHost("fabrikam") });
  expect(wrong.status).toBe(401);
  expect(wrong.headers["www-authenticate"]).toBeTruthy();
  const own = await callApi("/api/v1/alerts/?limit=1", { token, host: tenantHost(tenant.slug) });
  const generic = await callApi("/api/v1/alerts/?limit=1", { token });
  expect(own.json.total).toBe(generic.json.total);
  expect(own.json.data[0]._id).toBe((await callApi(`/api/v1/alerts/${own.json.data[0]._id}/`, { token })).json._id);
});
