// The shown-once value: Escape on a token nobody copied asks before throwing it away; the example
// request is shown whole, can be reached by keyboard and has its own copy button.
import { expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";

test("Escape on an uncopied token asks first; after copying, Escape closes", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("dialog", { name: "Generate new token" }).getByRole("textbox", { name: "Token name" }).fill("Careful with this one");
  await page.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  const tokenBox = shown.getByRole("textbox", { name: "Token", exact: true });
  // The value takes the focus when it appears, so a screen reader reads it out.
  await expect(tokenBox).toBeFocused();
  const value = await tokenBox.inputValue();

  await page.keyboard.press("Escape");
  await expect(shown).toBeVisible();
  await expect(shown.getByText("You haven't copied the token.")).toBeVisible();
  await expect(shown.getByRole("button", { name: "Go back" })).toBeFocused();
  await shown.getByRole("button", { name: "Go back" }).click();
  await expect(tokenBox).toHaveValue(value);

  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("status").filter({ hasText: /^Copied$/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Careful with this one" })).toBeVisible();
});

test("discarding an uncopied token is a choice the person makes", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("dialog", { name: "Generate new token" }).getByRole("textbox", { name: "Token name" }).fill("Thrown away");
  await page.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  await expect(shown.getByRole("textbox", { name: "Token", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await shown.getByRole("button", { name: "Discard token" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Thrown away" })).toBeVisible();
});

test("the example request is whole, reachable by keyboard and has its own copy button", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("dialog", { name: "Generate new token" }).getByRole("textbox", { name: "Token name" }).fill("Phone check");
  await page.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  // Open from the start, with the README's variable name, so the first call is one paste away.
  await expect(shown.getByRole("button", { name: "Copy", exact: true })).toHaveCount(1);
  const example = shown.getByLabel("Example request", { exact: true });
  await expect(example).toBeVisible();
  const command = `curl -H "Authorization: Token $TOKEN" http://${tenant.slug}.localhost:${PORT}/api/v1/alerts/`;
  await expect(example).toHaveText(command);
  // Wrapped, not cut off: nothing scrolls out of sight, and the box takes keyboard focus all the same.
  expect(await example.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await example.focus();
  await expect(example).toBeFocused();
  await shown.getByRole("button", { name: "Put the example on the clipboard" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
