import { generateToken } from "@/lib/tokens/generate-token";
import { tenantBySlug, userByEmail } from "../support/e2e-data";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";

const PAGES = ["/settings/api-tokens", "/settings/siem-agents", "/settings/log-collectors", "/settings/users", "/settings/app-registrations"];

test("a user of contoso never sees fabrikam's name or data", async ({ page, context }) => {
  const fabrikam = await tenantBySlug("fabrikam");
  const fabrikamAdmin = await userByEmail("admin@fabrikam.test");
  const secretName = `Fabrikam secret pipeline ${Date.now()}`;
  await generateToken({ tenantId: fabrikam.id, userId: fabrikamAdmin.id, kind: "API_TOKEN", name: secretName });
  await generateToken({ tenantId: fabrikam.id, userId: fabrikamAdmin.id, kind: "SIEM_AGENT", name: `${secretName} agent` });

  await signInContext(context, "admin@contoso.test", DEMO_PASSWORD);
  for (const path of PAGES) {
    await gotoReady(page, path);
    const body = page.locator("body");
    await expect(body).not.toContainText(/fabrikam/i);
    await expect(body).not.toContainText(secretName);
  }
  // Help › About names only the signed-in tenant.
  await page.getByRole("button", { name: "Help" }).click();
  await page.getByRole("menuitem", { name: "About" }).click();
  await expect(page.getByRole("dialog", { name: "About Keyport" })).not.toContainText(/fabrikam/i);
});

test("the fabrikam admin sees none of contoso's tokens", async ({ page, context }) => {
  await signInContext(context, "admin@fabrikam.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByTestId("tenant-name")).toHaveText("Tenant: Fabrikam");
  await expect(page.locator("body")).not.toContainText("Former's export script");
  await expect(page.locator("body")).not.toContainText(/contoso/i);
});
