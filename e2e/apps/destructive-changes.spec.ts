// Every destructive change on an app registration asks first, naming what it removes: cancelling
// leaves the application working, confirming applies the change at once.
import { postForm, RESOURCE, setUpApp, claimsOf } from "../support/oauth";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("delete a secret, remove a permission, revoke consent and disable: each asks first, and Cancel changes nothing", async ({ page, context, tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Discovery.read"]);
  const token = () => postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/settings/app-registrations/${app.clientId}`);

  const steps = [
    { button: "Delete secret test", dialog: "Delete the client secret “test”?", confirm: "Delete", names: app.name },
    { button: "Remove Discovery.read", dialog: "Remove Discovery.read?", confirm: "Remove", names: app.name },
    { button: "Revoke admin consent", dialog: `Revoke admin consent for ${app.name}?`, confirm: "Revoke consent", names: tenant.name },
    { button: "Disable application", dialog: `Disable ${app.name}?`, confirm: "Disable", names: app.name },
  ];
  for (const step of steps) {
    await page.getByRole("button", { name: step.button }).click();
    const dialog = page.getByRole("dialog", { name: step.dialog });
    await expect(dialog).toContainText(step.names);
    // Cancel has the focus: Enter never destroys by accident.
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  }
  // Nothing changed: the secret still gets a token holding both permissions, the app is enabled.
  const untouched = await token();
  expect(untouched.status).toBe(200);
  expect(claimsOf(untouched.json.access_token).roles).toEqual(["Investigation.read", "Discovery.read"]);
  await expect(page.getByRole("button", { name: "Disable application" })).toBeVisible();

  // Confirmed, one at a time, each takes effect.
  await page.getByRole("button", { name: "Remove Discovery.read" }).click();
  await page.getByRole("dialog", { name: "Remove Discovery.read?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("table", { name: "API permissions" }).getByRole("row").filter({ hasText: "Discovery.read" })).toHaveCount(0);
  expect(claimsOf((await token()).json.access_token).roles).toEqual(["Investigation.read"]);

  await page.getByRole("button", { name: "Disable application" }).click();
  await page.getByRole("dialog", { name: `Disable ${app.name}?` }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This application is disabled." })).toBeVisible();
  expect((await token()).json.error).toBe("unauthorized_client");
  // Enabling again is not destructive: no question.
  await page.getByRole("button", { name: "Enable application" }).click();
  await expect(page.getByRole("button", { name: "Disable application" })).toBeVisible();
  expect((await token()).status).toBe(200);

  await page.getByRole("button", { name: "Revoke admin consent" }).click();
  await page.getByRole("dialog", { name: `Revoke admin consent for ${app.name}?` }).getByRole("button", { name: "Revoke consent" }).click();
  await expect(page.getByRole("table", { name: "API permissions" }).getByRole("row").filter({ hasText: "Investigation.read" })).toContainText("Not granted");
  expect((await token()).json.error).toBe("unauthorized_client");

  await page.getByRole("button", { name: "Delete secret test" }).click();
  await page.getByRole("dialog", { name: "Delete the client secret “test”?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No client secrets: add one for the application to get tokens.")).toBeVisible();
  expect((await token()).json.error).toBe("invalid_client");
});
