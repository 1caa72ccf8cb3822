// What one tenant can learn about another through accounts and app credentials: nothing. An email is
// unique within a tenant only, so another tenant's admin can neither reserve an address nor find out
// that it is in use; each account signs in to its own tenant, on the generic portal URL (the password
// decides) or on its tenant URL. The token endpoint answers an unknown client id exactly as it answers
// a wrong secret.
import { createUser } from "@/lib/users/create-user";
import { adminActor, postForm, RESOURCE, setUpApp } from "../support/oauth";
import { createFreshTenant, expect, FIXTURE_PASSWORD, gotoReady, PORT, signInContext, test } from "../support/fixtures";

async function signInThroughForm(page: import("@playwright/test").Page, origin: string, email: string, password: string) {
  await gotoReady(page, `${origin}/signin`);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("another tenant's admin adds a user with an address in use elsewhere: nothing is revealed or taken, each account signs in to its own tenant", async ({ page, context, browser, tenant }) => {
  const other = await createFreshTenant();
  await signInContext(context, other.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await dialog.getByRole("textbox", { name: "Name" }).fill("Look-alike");
  await dialog.getByLabel("Initial password").fill("look-alike-password-1");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Look-alike added.");
  await expect(page.getByRole("table", { name: "Users" })).toContainText("Look-alike");

  // The original account is untouched and still signs in on the generic URL, to its own tenant.
  const original = await browser.newPage();
  await signInThroughForm(original, `http://localhost:${PORT}`, tenant.reader.email, FIXTURE_PASSWORD);
  await expect(original).toHaveURL(/\/settings\/api-tokens$/);
  await expect(original.getByRole("banner").getByTestId("tenant-name")).toHaveText(`Tenant: ${tenant.name}`);
  await original.close();

  // The look-alike signs in to the other tenant, with its own password.
  const lookAlike = await browser.newPage();
  await signInThroughForm(lookAlike, `http://localhost:${PORT}`, tenant.reader.email, "look-alike-password-1");
  await expect(lookAlike).toHaveURL(/\/settings\/api-tokens$/);
  await expect(lookAlike.getByRole("banner").getByTestId("tenant-name")).toHaveText(`Tenant: ${other.name}`);
  await lookAlike.close();
});

test("the same email and password in two tenants: the generic URL asks for the tenant URL, where signing in and out works", async ({ page, tenant }) => {
  const other = await createFreshTenant();
  const email = `twice-${tenant.slug}@example.test`;
  const password = "the-same-password-1";
  await createUser({ tenantId: tenant.id, email, name: "Twice here", role: "SECURITY_READER", password });
  await createUser({ tenantId: other.id, email, name: "Twice there", role: "SECURITY_READER", password });

  await signInThroughForm(page, `http://localhost:${PORT}`, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "tenant's URL" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  const tenantOrigin = `http://${other.slug}.localhost:${PORT}`;
  await signInThroughForm(page, tenantOrigin, email, password);
  await expect(page).toHaveURL(`${tenantOrigin}/settings/api-tokens`);
  await expect(page.getByRole("banner").getByTestId("tenant-name")).toHaveText(`Tenant: ${other.name}`);
  await expect(page.getByRole("banner").getByTestId("signed-in-user")).toContainText("Twice there");

  // Signing out on the tenant URL stays on it. (Generous: in the PostgreSQL run a 200-attempt sign-in
  // flood of another spec may hold both instances for a while.)
  // The page streams (the token table has a loading state): click once React is in charge, or the click is lost.
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${tenantOrigin.replace(/\./g, "\\.")}/signin`), { timeout: 30_000 });
});

test("the token endpoint answers an unknown client id exactly as a wrong secret", async ({ tenant }) => {
  const app = await setUpApp(adminActor({ id: tenant.admin.id, tenantId: tenant.id }), ["Investigation.read"]);
  const path = `/${tenant.id}/oauth2/v2.0/token`;
  const base = { grant_type: "client_credentials", scope: `${RESOURCE}/.default` };
  const wrongSecret = await postForm(path, { ...base, client_id: app.clientId, client_secret: `${app.clientSecret.slice(0, -3)}abc` });
  const unknownClient = await postForm(path, { ...base, client_id: "3f1d2c4b-0000-4000-8000-000000000000", client_secret: app.clientSecret });
  expect(wrongSecret.status).toBe(401);
  expect(wrongSecret.json.error).toBe("invalid_client");
  expect({ status: unknownClient.status, json: unknownClient.json, challenge: unknownClient.headers["www-authenticate"] }).toEqual({
    status: wrongSecret.status,
    json: wrongSecret.json,
    challenge: wrongSecret.headers["www-authenticate"],
  });
});
