// Messages raised while a dialog is open reach people: a modal dialog makes the rest of the page
// inert, so the message is shown inside the dialog, where it is in the accessibility tree (found by
// role, read by screen readers) and can be dismissed. Errors that stop a dialog's action are said
// inside it too.
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { inAccessibilityTree } from "./ui-support";

test("Copy inside a dialog says Copied, and its message is announced inside the dialog and can be dismissed", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const add = page.getByRole("dialog", { name: "Add user" });
  await add.getByRole("textbox", { name: "Email" }).fill(`copy@${tenant.slug}.test`);
  await add.getByRole("textbox", { name: "Name" }).fill("Cora Copy");
  await add.getByRole("button", { name: "Add" }).click();

  const dialog = page.getByRole("dialog", { name: "Initial password for Cora Copy" });
  const copy = dialog.getByRole("button", { name: "Copy" });
  await copy.click();
  await expect(copy).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await dialog.getByRole("textbox", { name: "Password" }).inputValue());

  // The message is a status inside the open dialog, in the browser's accessibility tree.
  const message = dialog.getByRole("status").filter({ hasText: "Password copied to the clipboard." });
  await expect(message).toBeVisible();
  await expect(dialog).toBeVisible();
  expect(await inAccessibilityTree(page, "Password copied to the clipboard.")).toBe(true);
  // …and it can be dismissed while the dialog stays open.
  const toast = dialog.locator("[data-toast]", { hasText: "Password copied to the clipboard." });
  await toast.getByRole("button", { name: "Dismiss notification" }).click();
  await expect(toast).toHaveCount(0);
  await expect(message).toHaveCount(0);
  await expect(dialog).toBeVisible();
});

test("a refusal raised in a dialog is said inside it, in the accessibility tree, and the dialog stays open", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const add = page.getByRole("dialog", { name: "Add user" });
  await add.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await add.getByRole("textbox", { name: "Name" }).fill("Someone");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByRole("alert")).toContainText("This email already belongs to a Keyport account.");
  expect(await inAccessibilityTree(page, "This email already belongs to a Keyport account.")).toBe(true);
  await expect(add.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true");
});

test("a message raised after a dialog closes is announced by the page's own region", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Change role of ${tenant.reader.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.reader.name}` });
  await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security operator" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: `${tenant.reader.name} is now Security operator.` })).toBeVisible();
  expect(await inAccessibilityTree(page, `${tenant.reader.name} is now Security operator.`)).toBe(true);
});
