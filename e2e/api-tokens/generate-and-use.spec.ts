import { callApi, tenantHost } from "../support/api-client";
import { expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";

test("an admin generates a token, copies it, and it turns Active after the first API call", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByText("No API tokens yet.")).toBeVisible();

  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByRole("textbox", { name: "Token name" })).toBeFocused();
  await dialog.getByRole("textbox", { name: "Token name" }).fill("  Splunk production  ");
  await dialog.getByRole("button", { name: "Next" }).click();

  const shown = page.getByRole("dialog", { name: "Your new API token" });
  const tokenBox = shown.getByRole("textbox", { name: "Token", exact: true });
  await expect(tokenBox).toHaveAttribute("readonly", "");
  const value = await tokenBox.inputValue();
  expect(value).toMatch(/^kpat_[0-9A-Za-z]{49}$/);
  await expect(shown).toContainText("will not be shown again");
  await expect(shown.getByTestId("new-token-tenant-url")).toHaveText(`http://${tenant.slug}.localhost:${PORT}`);

  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Token copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);

  await shown.getByRole("button", { name: "Close" }).click();
  const row = page.getByRole("row").filter({ hasText: "Splunk production" });
  await expect(row).toContainText(tenant.admin.name);
  await expect(row.getByRole("cell").nth(5)).toHaveText("Generated");
  await expect(row.getByRole("cell").nth(4)).toContainText("in 30 days");
  await expect(row).toContainText("Never");

  // The script calls the API once, on the tenant URL.
  const response = await callApi("/api/v1/whoami/", { token: value, host: tenantHost(tenant.slug) });
  expect(response.status).toBe(200);
  expect(response.json.user.email).toBe(tenant.admin.email);

  await page.reload();
  const usedRow = page.getByRole("row").filter({ hasText: "Splunk production" });
  await expect(usedRow.getByRole("cell").nth(5)).toHaveText("Active");
  await expect(usedRow.getByRole("cell").nth(3)).toContainText("just now");
  // The exact time is on hover.
  await expect(usedRow.getByRole("cell").nth(3).locator("time")).toHaveAttribute("title", /\d{4}|\d{1,2}:\d{2}/);
});

test("a token name is required, trimmed and at most 100 characters", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  const name = dialog.getByRole("textbox", { name: "Token name" });

  await name.fill("    ");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("Enter a name for the token.")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");

  await name.fill("x".repeat(101));
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("The name can be at most 100 characters.")).toBeVisible();

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
});
