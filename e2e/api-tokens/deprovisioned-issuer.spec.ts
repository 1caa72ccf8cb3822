import { generateToken } from "@/lib/tokens/generate-token";
import { setUserProvisioning } from "@/lib/users/manage-users";
import { callApi } from "../support/api-client";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";

test("the admin still sees the deprovisioned former employee's token, marked, with a hint to revoke it", async ({ page, context }) => {
  await signInContext(context, "admin@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("searchbox", { name: "Search by name" }).fill("Former's export script");
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row").filter({ hasText: "Former's export script" });
  await expect(row).toContainText("Fred Former");
  await expect(row).toContainText("Deprovisioned");
  await expect(row).toContainText("revoke it");
  await expect(row.getByRole("button", { name: "Revoke Former's export script" })).toBeVisible();
});

test("a user deprovisioned while their token is in use: the token stays listed and every call gets 403 permission_denied", async ({ page, context, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Leaver's report" });
  await setUserProvisioning({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, tenant.reader.id, false);
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: token.value })).status, { timeout: 3000 }).toBe(403);

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("row").filter({ hasText: "Leaver's report" })).toContainText("Deprovisioned");
});
