// Issue 6, the rest of an app's page as an admin uses it: consent again after adding a permission,
// remove a permission, delete a secret, disable and enable the app — each felt at the token endpoint.
import { claimsOf, postForm, RESOURCE, setUpApp } from "../support/oauth";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an added permission waits for consent again; a removed one leaves the token; a deleted secret and a disabled app get no token", async ({ page, context, tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const tokenRequest = (secret = app.clientSecret) =>
    postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: secret, scope: `${RESOURCE}/.default` });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/settings/app-registrations/${app.clientId}`);
  const permissions = page.getByRole("table", { name: "API permissions" });
  const row = (scope: string) => permissions.getByRole("row").filter({ hasText: scope });
  await expect(row("Investigation.read")).toContainText(`Granted for ${tenant.name}`);

  // Adding Discovery.read: it is "Not granted" until consent is granted again; the token lacks it meanwhile.
  await page.getByRole("button", { name: "Add a permission" }).click();
  const add = page.getByRole("dialog", { name: "Add application permissions" });
  await add.getByRole("checkbox", { name: /Discovery\.read/ }).check();
  await add.getByRole("button", { name: "Add permissions" }).click();
  await expect(row("Discovery.read")).toContainText("Not granted");
  await expect(row("Investigation.read")).toContainText(`Granted for ${tenant.name}`);
  await expect(page.getByRole("status").filter({ hasText: "not granted yet" })).toBeVisible();
  expect(claimsOf((await tokenRequest()).json.access_token).roles).toEqual(["Investigation.read"]);
  await page.getByRole("button", { name: `Grant admin consent for ${tenant.name}` }).click();
  await expect(row("Discovery.read")).toContainText(`Granted for ${tenant.name}`);
  expect(claimsOf((await tokenRequest()).json.access_token).roles).toEqual(["Investigation.read", "Discovery.read"]);

  // Removing Investigation.read takes it out of new tokens, after a confirmation naming it.
  await page.getByRole("button", { name: "Remove Investigation.read" }).click();
  await page.getByRole("dialog", { name: "Remove Investigation.read?" }).getByRole("button", { name: "Remove" }).click();
  await expect(row("Investigation.read")).toHaveCount(0);
  expect(claimsOf((await tokenRequest()).json.access_token).roles).toEqual(["Discovery.read"]);

  // Deleting the secret: the token endpoint no longer knows it.
  await page.getByRole("button", { name: "Delete secret test" }).click();
  await page.getByRole("dialog", { name: "Delete the client secret “test”?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No client secrets: add one for the application to get tokens.")).toBeVisible();
  expect((await tokenRequest()).json.error).toBe("invalid_client");

  // A new secret, then Disable: refused; Enable: tokens again.
  await page.getByRole("button", { name: "New client secret" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Add a client secret" });
  await secretDialog.getByRole("textbox", { name: "Description" }).fill("second");
  await secretDialog.getByRole("button", { name: "Add" }).click();
  const secret = await page.getByRole("dialog", { name: "Client secret “second”" }).getByRole("textbox", { name: "Value" }).inputValue();
  await page.getByRole("dialog", { name: "Client secret “second”" }).getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Disable application" }).click();
  await page.getByRole("dialog", { name: `Disable ${app.name}?` }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This application is disabled." })).toBeVisible();
  expect((await tokenRequest(secret)).json.error).toBe("unauthorized_client");
  await page.getByRole("button", { name: "Enable application" }).click();
  await expect(page.getByRole("button", { name: "Disable application" })).toBeVisible();
  expect((await tokenRequest(secret)).status).toBe(200);
});
