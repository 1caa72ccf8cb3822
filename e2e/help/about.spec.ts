import { DEMO_PASSWORD, expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";

test("Help › About shows the product version, the tenant and its URL", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, "reader@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");

  const help = page.getByRole("button", { name: "Help" });
  await expect(help).toHaveAttribute("aria-expanded", "false");
  await help.click();
  await expect(help).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("menu", { name: "Help" }).getByRole("menuitem", { name: "About" }).click();

  const about = page.getByRole("dialog", { name: "About Keyport" });
  await expect(about).toContainText("Contoso");
  await expect(about).toContainText(/Version\s*\d+\.\d+\.\d+/);
  await expect(about.getByTestId("about-tenant-url")).toHaveText(`http://contoso.localhost:${PORT}`);
  await about.getByRole("button", { name: "Copy tenant URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`http://contoso.localhost:${PORT}`);

  await page.keyboard.press("Escape");
  await expect(about).toBeHidden();
});

test("the Help menu works from the keyboard", async ({ page, context }) => {
  await signInContext(context, "operator@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Help" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "About" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Help" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "About Keyport" })).toBeVisible();
  await page.getByRole("dialog", { name: "About Keyport" }).getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
