// After a dialog closes — Escape, Cancel, Close or a confirmed action — the keyboard focus is back on
// the control that opened it (or, when that control went away or now means something else, on what
// replaced it), never lost at the top of the page. When a dialog swaps its form for a result, the
// focus moves to the result's title, so a screen reader announces it.
import { createFreshTenant, DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { setUpApp } from "../support/oauth";
import { focusedElement } from "./ui-support";

test("Help › About: Escape and Close give the focus back to Help", async ({ page, context }) => {
  await signInContext(context, "reader@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/account");
  const help = page.getByRole("button", { name: "Help" });
  for (const close of ["Escape", "Close"] as const) {
    await help.click();
    await page.getByRole("menuitem", { name: "About" }).click();
    const about = page.getByRole("dialog", { name: "About Keyport" });
    await expect(about).toBeVisible();
    if (close === "Escape") await page.keyboard.press("Escape");
    else await about.getByRole("button", { name: "Close" }).click();
    await expect(about).toBeHidden();
    await expect(help, `after ${close}, focus is on ${await focusedElement(page)}`).toBeFocused();
  }
});

test("users: add user → password, change role, reset password and clear filters keep the focus where it belongs", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");

  // Add user, cancelled both ways.
  const addButton = page.getByRole("button", { name: "Add user" });
  await addButton.click();
  await page.keyboard.press("Escape");
  await expect(addButton).toBeFocused();
  await addButton.click();
  await page.getByRole("dialog", { name: "Add user" }).getByRole("button", { name: "Cancel" }).click();
  await expect(addButton).toBeFocused();

  // Add user → the form gives way to the password: its title takes the focus (announced); Close → Add user.
  await addButton.click();
  const add = page.getByRole("dialog", { name: "Add user" });
  await add.getByRole("textbox", { name: "Email" }).fill(`focus@${tenant.slug}.test`);
  await add.getByRole("textbox", { name: "Name" }).fill("Fiona Focus");
  await add.getByRole("button", { name: "Add" }).click();
  const shown = page.getByRole("dialog", { name: "Initial password for Fiona Focus" });
  await expect(shown.getByRole("heading", { name: "Initial password for Fiona Focus" })).toBeFocused();
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(addButton, `focus is on ${await focusedElement(page)}`).toBeFocused();

  // Change role, saved: back on that user's "Change role" button.
  const changeRole = page.getByRole("button", { name: "Change role of Fiona Focus" });
  await changeRole.click();
  const roleDialog = page.getByRole("dialog", { name: "Change the role of Fiona Focus" });
  await roleDialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security operator" });
  await roleDialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Fiona Focus" })).toContainText("Security operator");
  await expect(changeRole).toBeFocused();

  // Reset password: confirmation → new password (title focused) → Close → the button that started it.
  const reset = page.getByRole("button", { name: "Reset password of Fiona Focus" });
  await reset.click();
  await page.getByRole("dialog", { name: "Reset the password of Fiona Focus?" }).getByRole("button", { name: "Reset password" }).click();
  const newPassword = page.getByRole("dialog", { name: "New password for Fiona Focus" });
  await expect(newPassword.getByRole("heading", { name: "New password for Fiona Focus" })).toBeFocused();
  await newPassword.getByRole("button", { name: "Close" }).click();
  await expect(reset).toBeFocused();

  // Deprovision: the button turns into "Reprovision", so the focus goes to the message instead.
  await page.getByRole("button", { name: "Deprovision Fiona Focus" }).click();
  await page.getByRole("dialog", { name: "Deprovision Fiona Focus?" }).getByRole("button", { name: "Deprovision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fiona Focus is deprovisioned." })).toBeFocused();
  await expect(page.getByRole("button", { name: "Reprovision Fiona Focus" })).not.toBeFocused();

  // Clear filters: the button goes away with the empty result, the focus lands in the search box.
  await page.getByRole("searchbox", { name: "Search users" }).fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No users match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Fiona Focus" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search users" })).toBeFocused();
});

test("app registration: cancelled confirmations return to their button, confirmed removals to their section", async ({ page, context, tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Discovery.read"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/settings/app-registrations/${app.clientId}`);

  const remove = page.getByRole("button", { name: "Remove Discovery.read" });
  await remove.click();
  await page.keyboard.press("Escape");
  await expect(remove).toBeFocused();
  await remove.click();
  await page.getByRole("dialog", { name: "Remove Discovery.read?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("heading", { name: "API permissions" })).toBeFocused();

  // A new secret's value, shown once, then Close: back on "New client secret".
  const newSecret = page.getByRole("button", { name: "New client secret" });
  await newSecret.click();
  const add = page.getByRole("dialog", { name: "Add a client secret" });
  await add.getByRole("textbox", { name: "Description" }).fill("focus");
  await add.getByRole("button", { name: "Add" }).click();
  await page.getByRole("dialog", { name: "Client secret “focus”" }).getByRole("button", { name: "Close" }).click();
  await expect(newSecret).toBeFocused();
});

test("API tokens: Escape, Cancel and Close of the generate dialog return to Generate new token", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  const generate = page.getByRole("button", { name: "Generate new token" });
  await generate.click();
  await page.keyboard.press("Escape");
  await expect(generate).toBeFocused();
  await generate.click();
  await page.getByRole("dialog", { name: "Generate new token" }).getByRole("button", { name: "Cancel" }).click();
  await expect(generate).toBeFocused();

  await generate.click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Focus check");
  await dialog.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  // The form gave way to the value: the focus is inside the dialog on the new content, not lost.
  await expect.poll(() => shown.evaluate((element) => element.contains(document.activeElement) && document.activeElement !== element)).toBe(true);
  await shown.getByRole("button", { name: "Copy" }).click();
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(generate).toBeFocused();
});

test("admin consent: after Accept the focus is on what happened", async ({ page, context, tenant }) => {
  const publisher = await createFreshTenant();
  const app = await setUpApp({ id: publisher.admin.id, tenantId: publisher.id }, ["Investigation.read"], { multiTenant: true });
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/common/adminconsent?client_id=${app.clientId}`);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Consent granted" })).toBeFocused();
});
