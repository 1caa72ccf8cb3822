// Around service accounts on the other pages: the API tokens page names a service account's token's
// owner and filters by owner kind; deprovisioning a person lists the tokens that will stop working and
// points to service accounts; the Users page counts each person's own live tokens only.
import { createServiceAccount, createServiceAccountToken } from "@/lib/service-accounts/manage-service-accounts";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf } from "../token-controls/support";
import { tokenOf } from "../tokens-api/support";

test("the API tokens page shows a full admin service accounts' tokens with the owner named, filters by owner, and rotates them", async ({ page, context, tenant }) => {
  const admin = actorOf(tenant, tenant.admin);
  const account = await createServiceAccount(admin, { name: "Ticket sync", description: "", role: "SECURITY_READER" });
  await createServiceAccountToken(admin, account.id, { name: "Ticket sync token" });
  await tokenOf(tenant, tenant.admin, "Admin's own script");

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  const owned = page.getByRole("row").filter({ hasText: "Ticket sync token" });
  await expect(owned).toContainText("Service account: Ticket sync");
  await expect(page.getByRole("row").filter({ hasText: "Admin's own script" })).toBeVisible();

  await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Service accounts" });
  await expect(page).toHaveURL(/owner=service-accounts/);
  await expect(page.getByRole("row").filter({ hasText: "Admin's own script" })).toHaveCount(0);
  await expect(owned).toBeVisible();
  await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "People" });
  await expect(page.getByRole("row").filter({ hasText: "Ticket sync token" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Admin's own script" })).toBeVisible();
  await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "All owners" });

  // Rotated there like any token: the table keeps one row for it.
  await page.getByRole("button", { name: "Rotate Ticket sync token" }).click();
  const rotate = page.getByRole("dialog").filter({ has: page.getByRole("combobox", { name: "Grace period" }) });
  await rotate.getByRole("button", { name: "Rotate" }).click();
  const value = await page.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await page.getByRole("button", { name: "Close" }).click();
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(200);
  await expect(page.getByRole("row").filter({ hasText: "Ticket sync token" })).toHaveCount(1);

  // An operator sees neither the filter nor the account's token.
  const operator = await context.browser()!.newContext();
  await signInContext(operator, tenant.operator.email);
  const operatorPage = await operator.newPage();
  await gotoReady(operatorPage, "/settings/api-tokens");
  await expect(operatorPage.getByRole("combobox", { name: "Owner" })).toHaveCount(0);
  await expect(operatorPage.getByRole("row").filter({ hasText: "Ticket sync token" })).toHaveCount(0);
  await operator.close();
});

test("deprovisioning lists the person's tokens that will stop working and points to service accounts; the Users page counts live tokens", async ({ page, context, tenant }) => {
  const admin = actorOf(tenant, tenant.admin);
  await tokenOf(tenant, tenant.operator, "Operator's SIEM pull");
  await tokenOf(tenant, tenant.operator, "Operator's backup");
  // A token the admin made for a service account is the account's, not counted as the admin's.
  const account = await createServiceAccount(admin, { name: "Robot", description: "", role: "SECURITY_READER" });
  await createServiceAccountToken(admin, account.id, { name: "Robot token" });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  const operatorRow = page.getByRole("row").filter({ hasText: tenant.operator.email });
  const tokensColumn = await page.getByRole("columnheader").allInnerTexts();
  const tokensIndex = tokensColumn.findIndex((text) => /tokens/i.test(text));
  expect(tokensIndex).toBeGreaterThanOrEqual(0);
  await expect(operatorRow.getByRole("cell").nth(tokensIndex)).toHaveText("2");
  await expect(page.getByRole("row").filter({ hasText: tenant.admin.email }).getByRole("cell").nth(tokensIndex)).toHaveText("0");

  await page.getByRole("button", { name: `Deprovision ${tenant.operator.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Deprovision ${tenant.operator.name}?` });
  const list = dialog.getByRole("list", { name: /These tokens stop working/ });
  await expect(list.getByRole("listitem")).toHaveText(["Operator's backup", "Operator's SIEM pull"]);
  await dialog.getByRole("link", { name: "service account" }).click();
  await expect(page).toHaveURL(/\/settings\/service-accounts$/);
  await expect(page.getByRole("link", { name: "Robot" })).toBeVisible();
});
