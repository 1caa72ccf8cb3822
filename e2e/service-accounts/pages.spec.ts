// The service-accounts pages as a Global administrator uses them: add an account, generate its token
// on its page with the API tokens page's dialog (narrowed scopes, expiry), use it, revoke it, disable,
// enable and delete the account, each destructive step confirmed; and nobody else may open the pages.
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { axeViolations } from "../support/axe";

test("an admin adds a service account, generates its token on its page, disables, enables and deletes it", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/service-accounts");
  await expect(page.getByText("No service accounts yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add service account" }).click();
  const add = page.getByRole("dialog", { name: "Add service account" });
  await add.getByRole("textbox", { name: "Name" }).fill("SIEM export");
  await add.getByRole("textbox", { name: "Description" }).fill("Nightly alert export");
  await add.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security operator" });
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`Service account "SIEM export" added.`);
  const table = page.getByRole("table", { name: "Service accounts" });
  for (const header of ["Name", "Role", "Tokens", "Status"]) await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: "SIEM export" });
  await expect(row).toContainText("Security operator");
  await expect(row).toContainText("Active");

  // Its own page: the "Generate new token" dialog of the API tokens page, narrowed to one scope.
  await row.getByRole("link", { name: "SIEM export" }).click();
  await expect(page.getByRole("heading", { name: "SIEM export" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Generate new token" }).click();
  const generate = page.getByRole("dialog", { name: "Generate new token" });
  await generate.getByRole("textbox", { name: "Token name" }).fill("Splunk pull");
  await generate.getByRole("combobox", { name: "Expiration" }).selectOption({ label: "7 days" });
  await expect(generate.getByRole("checkbox", { name: "Settings.manage" })).toHaveCount(0);
  await generate.getByRole("checkbox", { name: "Discovery.manage" }).uncheck();
  await generate.getByRole("checkbox", { name: "Settings.read" }).uncheck();
  await generate.getByRole("button", { name: "Next" }).click();
  const value = await page.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await page.getByRole("button", { name: "Close" }).click();
  const whoami = await callApi("/api/v1/whoami/", { token: value });
  expect(whoami.json.scopes).toEqual(["Investigation.manage"]);
  await expect(page.getByRole("row").filter({ hasText: "Splunk pull" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The API tokens page names the owner.
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("row").filter({ hasText: "Splunk pull" })).toContainText("Service account: SIEM export");

  // Disable, confirmed: the token is refused; enable: it works again.
  await gotoReady(page, "/settings/service-accounts");
  await page.getByRole("button", { name: "Disable SIEM export" }).click();
  await page.getByRole("dialog", { name: "Disable SIEM export?" }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("table", { name: "Service accounts" }).getByRole("row").filter({ hasText: "SIEM export" })).toContainText("Disabled");
  expect((await callApi("/api/v1/whoami/", { token: value })).json.error.code).toBe("permission_denied");
  await page.getByRole("button", { name: "Enable SIEM export" }).click();
  await page.getByRole("dialog", { name: "Enable SIEM export?" }).getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("table", { name: "Service accounts" }).getByRole("row").filter({ hasText: "SIEM export" })).toContainText("Active");
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(200);

  // Delete, confirmed (Cancel first changes nothing, and gives the focus back).
  await page.getByRole("button", { name: "Delete SIEM export" }).click();
  await page.getByRole("dialog", { name: "Delete SIEM export?" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Delete SIEM export" })).toBeFocused();
  await page.getByRole("button", { name: "Delete SIEM export" }).click();
  await page.getByRole("dialog", { name: "Delete SIEM export?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`"SIEM export" deleted, 1 token revoked.`);
  await expect(page.getByText("No service accounts yet.")).toBeVisible();
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(401);
});

test("an admin rotates (with a grace period) and revokes a service account's token on the account's page", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/service-accounts");
  await page.getByRole("button", { name: "Add service account" }).click();
  const add = page.getByRole("dialog", { name: "Add service account" });
  await add.getByRole("textbox", { name: "Name" }).fill("Backup robot");
  await add.getByRole("button", { name: "Add" }).click();
  await page.getByRole("link", { name: "Backup robot" }).click();
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("Nightly backup");
  await page.getByRole("button", { name: "Next" }).click();
  const first = await page.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await page.getByRole("button", { name: "Close" }).click();

  // Rotation with a grace period, in the API tokens page's own dialog: both values work for the hour.
  await page.getByRole("button", { name: "Rotate Nightly backup" }).click();
  await page.getByRole("combobox", { name: "Grace period" }).selectOption({ label: "1 hour" });
  await page.getByRole("combobox", { name: "New expiry" }).selectOption("90 days");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate" }).click();
  const value = await page.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(value).not.toBe(first);
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("button", { name: "Rotate Nightly backup" })).toBeFocused();
  // The account's page shows the new expiry at once, without going anywhere.
  const in90Days = new Date(Date.now() + 90 * 24 * 3600_000).toISOString().slice(0, 10);
  await expect(page.getByRole("row").filter({ hasText: "Nightly backup" }).getByRole("cell").nth(4)).toHaveText(in90Days);
  expect((await callApi("/api/v1/whoami/", { token: first })).status).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(200);

  await page.getByRole("button", { name: "Revoke Nightly backup" }).click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`Token "Nightly backup" revoked.`);
  await expect(page.getByText("No tokens yet")).toBeVisible();
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: first })).status).toBe(401);
});

test("only full admins open the pages; another tenant's account is not found", async ({ browser, page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/service-accounts");
  await expect(page.getByRole("link", { name: "Service accounts" }).first()).toBeVisible();

  const operator = await browser.newContext();
  await signInContext(operator, tenant.operator.email);
  const operatorPage = await operator.newPage();
  const response = await operatorPage.goto("/settings/service-accounts");
  expect(response?.status()).toBe(403);
  await operator.close();

  const missing = await page.goto("/settings/service-accounts/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
});
