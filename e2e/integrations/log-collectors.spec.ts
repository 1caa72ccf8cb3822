import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an admin adds a log collector with its source type and gets a discovery-only token", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/log-collectors");
  await page.getByRole("button", { name: "Add log collector" }).click();
  const dialog = page.getByRole("dialog", { name: "Add log collector" });
  await dialog.getByRole("textbox", { name: "Name" }).fill("HQ firewall");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("Choose the source of the logs.")).toBeVisible();
  await dialog.getByRole("combobox", { name: "Source type" }).selectOption("Palo Alto Networks");
  await dialog.getByRole("button", { name: "Next" }).click();

  const value = await page.getByRole("dialog", { name: "Token for HQ firewall" }).getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(value).toMatch(/^kplc_/);
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "HQ firewall" })).toContainText("Palo Alto Networks");

  const whoami = await callApi("/api/v1/whoami/", { token: value });
  expect(whoami.status).toBe(200);
  expect(whoami.json.scopes).toEqual(["Discovery.manage"]);
});
