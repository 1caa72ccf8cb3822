// An admin registers an application in the portal, as a person does: permissions, consent, a secret.
import { claimsOf, postForm, RESOURCE } from "../support/oauth";
import { callApi } from "../support/api-client";
import { createFreshTenant, expect, gotoReady, signInContext, test } from "../support/fixtures";

test("register an app, add Investigation.read (Not granted), grant consent, create a secret and copy it; the secret gets a token", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/app-registrations");
  await expect(page.getByText("No applications registered yet.")).toBeVisible();

  await page.getByRole("button", { name: "New registration" }).click();
  const register = page.getByRole("dialog", { name: "Register an application" });
  await register.getByRole("button", { name: "Register" }).click();
  await expect(register.getByText("Enter a name.")).toBeVisible();
  await register.getByRole("textbox", { name: "Name" }).fill("Splunk connector");
  await register.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Splunk connector" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();

  const clientId = (await page.locator("dt:has-text('Application (client) ID') + dd code").textContent())!.trim();
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.locator("dt:has-text('Directory (tenant) ID') + dd code")).toHaveText(tenant.id);
  await page.getByRole("button", { name: "Copy Application (client) ID" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);

  await page.getByRole("button", { name: "Add a permission" }).click();
  const add = page.getByRole("dialog", { name: "Add application permissions" });
  await add.getByRole("checkbox", { name: /Investigation\.read/ }).check();
  await add.getByRole("button", { name: "Add permissions" }).click();
  const permissions = page.getByRole("table", { name: "API permissions" });
  await expect(permissions.getByRole("row").filter({ hasText: "Investigation.read" })).toContainText("Not granted");
  await expect(page.getByRole("status").filter({ hasText: "not granted yet" })).toBeVisible();

  await page.getByRole("button", { name: `Grant admin consent for ${tenant.name}` }).click();
  await expect(page.getByTestId("toasts")).toContainText("Admin consent granted");
  await expect(permissions.getByRole("row").filter({ hasText: "Investigation.read" })).toContainText(`Granted for ${tenant.name}`);

  await page.getByRole("button", { name: "New client secret" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Add a client secret" });
  await secretDialog.getByRole("textbox", { name: "Description" }).fill("Splunk prod");
  await secretDialog.getByRole("combobox", { name: "Expires" }).selectOption({ label: "12 months" });
  await secretDialog.getByRole("button", { name: "Add" }).click();
  const shown = page.getByRole("dialog", { name: "Client secret “Splunk prod”" });
  const value = await shown.getByRole("textbox", { name: "Value" }).inputValue();
  expect(value).toMatch(/^kpcs_/);
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Client secret copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await shown.getByRole("button", { name: "Close" }).click();
  const secrets = page.getByRole("table", { name: "Client secrets" });
  await expect(secrets).toContainText("Splunk prod");
  await expect(secrets).toContainText(value.slice(0, 8));
  await expect(secrets).not.toContainText(value);

  const token = await postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: clientId, client_secret: value, scope: `${RESOURCE}/.default` });
  expect(token.status).toBe(200);
  expect(claimsOf(token.json.access_token).roles).toEqual(["Investigation.read"]);

  // The token inspector says it is valid for this tenant (back to the list by the breadcrumb).
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "App registrations" }).click();
  await page.getByRole("link", { name: "Decode a token" }).click();
  await page.getByRole("textbox", { name: "Access token" }).fill(token.json.access_token);
  await page.getByRole("button", { name: "Decode" }).click();
  const verdict = page.getByRole("status").filter({ hasText: "Valid for this tenant" });
  await expect(verdict).toContainText("Splunk connector");
  // When it expires, in words and in the reader's time zone, not as a raw ISO string.
  // A one-hour token checked within a second of its issue still has a whole hour to go.
  await expect(verdict).toContainText(/Expires .*\d{4}.*\(in (\d+ minutes|1 hour)\)/);
  await expect(verdict).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  await expect(page.getByRole("region", { name: "Claims" })).toContainText(clientId);
  await page.getByRole("textbox", { name: "Access token" }).fill(token.json.access_token.slice(0, -4) + "AAAA");
  await page.getByRole("button", { name: "Decode" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Not valid:" })).toContainText("signature");

  // Deleting the secret and the app: the app's token is refused at once.
  await page.goBack();
  await page.goBack();
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Delete application" }).click();
  await page.getByRole("dialog", { name: "Delete Splunk connector?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/settings\/app-registrations$/);
  await expect(page.getByText("No applications registered yet.")).toBeVisible();
  expect((await callApi("/api/v1/alerts/", { authorization: `Bearer ${token.json.access_token}` })).status).toBe(401);
});

test("a multi-tenant app: another tenant's admin consents through the consent link and the app gets tokens there", async ({ page, context, browser, tenant }) => {
  const { setUpApp, v2Token } = await import("../support/oauth");
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Discovery.read"], { multiTenant: true });
  const other = await createFreshTenant();
  const refused = await postForm(`/${other.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  expect(refused.json.error).toBe("unauthorized_client");

  // The other admin follows the link, signs in, reviews and accepts.
  await page.goto(`/common/adminconsent?client_id=${app.clientId}`);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(other.admin.email);
  await page.getByRole("textbox", { name: "Password" }).fill("fixture-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: `${app.name} asks for access to ${other.name}` })).toBeVisible();
  await expect(page.getByText("Investigation.read")).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Consent granted" })).toContainText(`Consent granted for ${other.name}`);

  const token = await v2Token(other.id, app.clientId, app.clientSecret);
  expect(claimsOf(token)).toMatchObject({ tid: other.id, roles: ["Investigation.read", "Discovery.read"] });
  expect((await callApi("/api/v1/alerts/?limit=1", { authorization: `Bearer ${token}` })).json.total).toBeGreaterThan(0);

  // A reader of that tenant may not consent.
  const readerContext = await browser.newContext();
  await signInContext(readerContext, other.reader.email);
  const readerPage = await readerContext.newPage();
  await readerPage.goto(`/${other.id}/adminconsent?client_id=${app.clientId}`);
  await expect(readerPage.getByRole("alert").filter({ hasText: "Global administrator" })).toContainText("Only a Global administrator can consent");
  await readerContext.close();
  void context;
});

test("only a full admin reaches app registrations", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  expect((await page.goto("/settings/app-registrations"))?.status()).toBe(403);
  expect((await page.goto("/settings/app-registrations/decode"))?.status()).toBe(403);
});
