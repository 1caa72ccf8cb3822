import { generateToken } from "@/lib/tokens/generate-token";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("the reader sees only their own tokens, the admin sees every token with its issuer", async ({ browser, tenant }) => {
  await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Admin automation" });
  await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator playbook" });
  await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "SIEM_AGENT", name: "Agent token never listed here" });

  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signInContext(readerContext, tenant.reader.email);
  await gotoReady(readerPage, "/settings/api-tokens");
  await readerPage.getByRole("button", { name: "Generate new token" }).click();
  await readerPage.getByRole("textbox", { name: "Token name" }).fill("Reader report");
  await readerPage.getByRole("button", { name: "Next" }).click();
  await readerPage.getByRole("button", { name: "Close" }).click();

  const readerTable = readerPage.getByRole("table", { name: "API tokens" });
  await expect(readerTable.locator("tbody tr")).toHaveCount(1);
  await expect(readerTable).toContainText("Reader report");
  await expect(readerTable).not.toContainText("Admin automation");
  await expect(readerTable).not.toContainText("Operator playbook");
  await expect(readerPage.getByText("You see the tokens you generated.")).toBeVisible();

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signInContext(adminContext, tenant.admin.email);
  await gotoReady(adminPage, "/settings/api-tokens");
  const adminTable = adminPage.getByRole("table", { name: "API tokens" });
  await expect(adminTable.locator("tbody tr")).toHaveCount(3);
  await expect(adminTable.getByRole("row").filter({ hasText: "Reader report" })).toContainText(tenant.reader.name);
  await expect(adminTable.getByRole("row").filter({ hasText: "Operator playbook" })).toContainText(tenant.operator.name);
  await expect(adminTable).not.toContainText("Agent token never listed here");
  await expect(adminPage.getByRole("button", { name: "Revoke Reader report" })).toBeVisible();
  await expect(adminPage.getByRole("button", { name: "Revoke Operator playbook" })).toBeVisible();

  await readerContext.close();
  await adminContext.close();
});
