// A change made on one instance holds on every other within a second: the instances drop their cached
// copies when the database tells them (LISTEN/NOTIFY), with the caches' one-second lifetime as the
// backstop. Instance 0 takes the admin's click; instance 1 answers the script.
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi, type ApiResponse } from "../support/api-client";
import { expect, gotoReady, test } from "../support/fixtures";
import { contextOnInstance } from "../support/instance-pins";

/** Calls `call` until `done` says so; returns the answer and the milliseconds it took from `since`. */
async function firstAnswer(call: () => Promise<ApiResponse>, done: (response: ApiResponse) => boolean, since: number, limitMs = 3_000) {
  for (;;) {
    const response = await call();
    const elapsed = Date.now() - since;
    if (done(response) || elapsed > limitMs) return { response, elapsed };
  }
}

test("a token revoked on one instance is refused by the other within a second", async ({ browser, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Cross-instance script" });
  const onOther = () => callApi("/api/v1/whoami/", { token: token.value, instance: 1 });
  expect((await onOther()).status).toBe(200);

  const admin = await contextOnInstance(browser, 0, tenant.admin.email);
  const page = await admin.newPage();
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Revoke Cross-instance script" }).click();
  // The other instance has the token in its cache right before the revocation.
  expect((await onOther()).status).toBe(200);
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`Token "Cross-instance script" revoked.`);
  const revokedAt = Date.now();

  const { response, elapsed } = await firstAnswer(onOther, (answer) => answer.status === 401, revokedAt);
  expect(response.status, "the other instance refuses the revoked token").toBe(401);
  expect(response.json.error.code).toBe("unauthorized");
  expect(elapsed).toBeLessThan(1_000);
  await admin.close();
});

test("a user deprovisioned on one instance has their token refused by the other within a second", async ({ browser, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's sync" });
  const onOther = () => callApi("/api/v1/whoami/", { token: token.value, instance: 1 });
  expect((await onOther()).status).toBe(200);

  const admin = await contextOnInstance(browser, 0, tenant.admin.email);
  const page = await admin.newPage();
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Deprovision ${tenant.operator.name}` }).click();
  expect((await onOther()).status).toBe(200);
  await page.getByRole("dialog", { name: `Deprovision ${tenant.operator.name}?` }).getByRole("button", { name: "Deprovision" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${tenant.operator.name} is deprovisioned` })).toBeVisible();
  const deprovisionedAt = Date.now();

  const { response, elapsed } = await firstAnswer(onOther, (answer) => answer.status === 403, deprovisionedAt);
  expect(response.status).toBe(403);
  expect(response.json.error.code).toBe("permission_denied");
  expect(elapsed).toBeLessThan(1_000);
  await admin.close();
});

test("a session signed in on one instance is valid on the other (the secret is the deployment's, kept in the database)", async ({ browser, tenant }) => {
  const context = await contextOnInstance(browser, 0, tenant.reader.email);
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ "x-e2e-instance": "1" });
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("button", { name: "Generate new token" })).toBeVisible();
  await context.close();
});
