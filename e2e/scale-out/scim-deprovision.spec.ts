// Deprovisioning through SCIM holds on every instance by the time the SCIM request answers: the
// provisioning client's PATCH goes to instance 0, the person's script calls instance 1.
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi, type ApiResponse } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { PATCH_OP, GROUP, mapRoleGroups, scimClient, scimSecretOf } from "../provisioning/scim-support";

/** Calls `call` until `done` says so; returns the answer and the milliseconds it took from `since`. */
async function firstAnswer(call: () => Promise<ApiResponse>, done: (response: ApiResponse) => boolean, since: number, limitMs = 3_000) {
  for (;;) {
    const response = await call();
    const elapsed = Date.now() - since;
    if (done(response) || elapsed > limitMs) return { response, elapsed };
  }
}

test("a user deprovisioned through SCIM on one instance has their token refused by the other within a second", async ({ request, tenant }) => {
  const secret = await scimSecretOf(tenant);
  const scim = scimClient(request, secret, { instance: 0 });
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's sync" });
  const onOther = () => callApi("/api/v1/whoami/", { token: token.value, instance: 1 });
  // The other instance has the token in its cache right before the deprovisioning.
  expect((await onOther()).status).toBe(200);

  const answer = await scim.patch(`/Users/${tenant.operator.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", value: { active: "False" } }] });
  expect(answer.json.active).toBe(false);
  const deprovisionedAt = Date.now();
  const { response, elapsed } = await firstAnswer(onOther, (call) => call.status === 403, deprovisionedAt);
  expect(response.status).toBe(403);
  expect(response.json.error.code).toBe("permission_denied");
  expect(elapsed).toBeLessThan(1_000);

  const deleted = await scim.delete(`/Users/${tenant.reader.id}`);
  expect(deleted.status).toBe(204);
  expect((await scimClient(request, secret, { instance: 1 }).get(`/Users/${tenant.reader.id}`)).status).toBe(404);
});

test("a group membership change through SCIM changes the token's scopes on the other instance within a second", async ({ request, tenant }) => {
  await mapRoleGroups(tenant.id, { readerGroup: "Readers", defaultRole: "SECURITY_OPERATOR" });
  const secret = await scimSecretOf(tenant);
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's tool" });
  const onOther = () => callApi("/api/v1/whoami/", { token: token.value, instance: 1 });
  expect((await onOther()).json.scopes).toContain("Investigation.manage");

  const group = await scimClient(request, secret, { instance: 0 }).post("/Groups", { schemas: [GROUP], displayName: "Readers", members: [{ value: tenant.operator.id }] });
  expect(group.status).toBe(201);
  const changedAt = Date.now();
  const { response, elapsed } = await firstAnswer(onOther, (call) => !call.json.scopes.includes("Investigation.manage"), changedAt);
  expect(response.json.scopes).toEqual(["Investigation.read", "Discovery.read", "Settings.read"]);
  expect(elapsed).toBeLessThan(1_000);
  // The secret token works on either instance.
  expect((await scimClient(request, secret, { instance: 1 }).get(`/Groups/${group.json.id}`)).status).toBe(200);
});
