// After a dialog closes — Escape, Cancel, Close or a confirmed action — the keyboard focus is back on
// the control that opened it (or, when that control went away or now means something else, on what
// replaced it), never lost at the top of the page. When a dialog swaps its form for a result, the
// focus moves to the result's title, so a screen reader announces it.
import { createFreshTenant, DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { setUpApp } from "../support/oauth";
import { generateToken } from "@/lib/tokens/generate-token";
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

test("API tokens table: Rotate returns to its row's button however it closes; a confirmed Revoke lands on the table, never on the page", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  for (const name of ["Focus alpha", "Focus beta", "Focus gamma", "Focus delta"]) {
    await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name });
  }
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  const table = page.getByRole("table", { name: "API tokens" });
  const onTable = () => page.evaluate(() => !!document.activeElement?.closest('[aria-label="API tokens table"], table, h1, h2'));

  const rotate = page.getByRole("button", { name: "Rotate Focus alpha" });
  await rotate.click();
  await page.keyboard.press("Escape");
  await expect(rotate, `after Escape, focus is on ${await focusedElement(page)}`).toBeFocused();
  await rotate.click();
  await page.getByRole("dialog", { name: 'Rotate "Focus alpha"' }).getByRole("button", { name: "Cancel" }).click();
  await expect(rotate, `after Cancel, focus is on ${await focusedElement(page)}`).toBeFocused();
  await rotate.click();
  await page.getByRole("dialog", { name: 'Rotate "Focus alpha"' }).getByRole("button", { name: "Rotate" }).click();
  const shown = page.getByRole("dialog", { name: 'New value for "Focus alpha"' });
  await shown.getByRole("button", { name: "Copy" }).click();
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(rotate, `after Close, focus is on ${await focusedElement(page)}`).toBeFocused();

  // Revoke: cancelled, back on the button; confirmed, the row is gone and the focus stays on the table.
  const revoke = page.getByRole("button", { name: "Revoke Focus beta" });
  await revoke.click();
  await page.keyboard.press("Escape");
  await expect(revoke).toBeFocused();
  await revoke.click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(table).not.toContainText("Focus beta");
  await expect.poll(onTable, { message: `after Revoke, focus is on ${await focusedElement(page)}` }).toBe(true);

  // Revoke selected: the same.
  await page.getByRole("checkbox", { name: "Select Focus gamma" }).check();
  const bulk = page.getByRole("button", { name: "Revoke selected" });
  await bulk.click();
  await page.keyboard.press("Escape");
  await expect(bulk).toBeFocused();
  await bulk.click();
  await page.getByRole("dialog", { name: "Revoke 1 token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(table).not.toContainText("Focus gamma");
  await expect.poll(onTable, { message: `after Revoke selected, focus is on ${await focusedElement(page)}` }).toBe(true);
});

test("webhooks and SIEM agents: a cancelled Delete returns to its button, a confirmed one lands on the list, never on the page", async ({ page, context, tenant }) => {
  await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "SIEM_AGENT", name: "Focus agent" });
  await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "SIEM_AGENT", name: "Second agent" });
  await signInContext(context, tenant.admin.email);
  const onList = () => page.evaluate(() => !!document.activeElement?.closest("table, [role=region], h1, h2"));

  await gotoReady(page, "/settings/siem-agents");
  const remove = page.getByRole("button", { name: "Delete Focus agent" });
  await remove.click();
  await page.keyboard.press("Escape");
  await expect(remove).toBeFocused();
  await remove.click();
  await page.getByRole("dialog", { name: "Delete SIEM agent?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("table", { name: "SIEM agents" })).not.toContainText("Focus agent");
  await expect.poll(onList, { message: `after Delete, focus is on ${await focusedElement(page)}` }).toBe(true);

  await gotoReady(page, "/settings/webhooks");
  for (const url of ["http://127.0.0.1:9/focus-one", "http://127.0.0.1:9/focus-two"]) {
    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook" });
    await dialog.getByRole("textbox", { name: "URL" }).fill(url);
    await dialog.getByRole("button", { name: "Add" }).click();
    await page.getByRole("dialog", { name: "Webhook added" }).getByRole("button", { name: "Close" }).click();
  }
  const deleteWebhook = page.getByRole("button", { name: "Delete http://127.0.0.1:9/focus-one" });
  await deleteWebhook.click();
  await page.keyboard.press("Escape");
  await expect(deleteWebhook).toBeFocused();
  await deleteWebhook.click();
  await page.getByRole("dialog", { name: "Delete webhook?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("table", { name: "Webhooks" })).not.toContainText("focus-one");
  await expect.poll(onList, { message: `after Delete, focus is on ${await focusedElement(page)}` }).toBe(true);
});

test("Register leads to the new app's page with the focus on its content, not on the page body", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/app-registrations");
  await page.getByRole("button", { name: "New registration" }).click();
  const register = page.getByRole("dialog", { name: "Register an application" });
  await register.getByRole("textbox", { name: "Name" }).fill("Focus connector");
  await register.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Focus connector", level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("main")), { message: `focus is on ${await focusedElement(page)}` }).toBe(true);
});
