import { DEMO_PASSWORD, expect, gotoReady, test } from "../support/fixtures";

const DEMO_USERS = [
  { email: "admin@contoso.test", name: "Ada Admin", role: "Global administrator", tenant: "Contoso", admin: true },
  { email: "operator@contoso.test", name: "Oscar Operator", role: "Security operator", tenant: "Contoso", admin: false },
  { email: "reader@contoso.test", name: "Rita Reader", role: "Security reader", tenant: "Contoso", admin: false },
  { email: "admin@fabrikam.test", name: "Fay Fabrikam", role: "Global administrator", tenant: "Fabrikam", admin: true },
];
// Pages only a full admin may open are linked for full admins only.
const ADMIN_ONLY_LINKS = ["SIEM agents", "Log collectors", "Users", "App registrations"];

async function signInThroughForm(page: import("@playwright/test").Page, email: string, password: string) {
  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

for (const user of DEMO_USERS) {
  test(`${user.role} ${user.email} signs in and sees the portal shell of ${user.tenant}`, async ({ page }) => {
    await signInThroughForm(page, user.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/settings\/api-tokens$/);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    const banner = page.getByRole("banner");
    await expect(banner.getByTestId("tenant-name")).toHaveText(`Tenant: ${user.tenant}`);
    await expect(banner.getByTestId("signed-in-user")).toContainText(user.name);
    await expect(banner.getByTestId("signed-in-user")).toContainText(user.role);
    await expect(banner.getByRole("button", { name: "Help" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Settings" });
    for (const link of ["API tokens", "My account"]) await expect(nav.getByRole("link", { name: link })).toBeVisible();
    for (const link of ADMIN_ONLY_LINKS) await expect(nav.getByRole("link", { name: link })).toHaveCount(user.admin ? 1 : 0);
  });
}

test("a wrong password is refused with a message that does not say whether the email exists", async ({ page }) => {
  await signInThroughForm(page, "admin@contoso.test", "not-the-password");
  const message = page.getByRole("alert").filter({ hasText: "email or password" });
  await expect(message).toHaveText("The email or password is not correct.");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByRole("textbox", { name: "Email" }).fill("nobody@contoso.test");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(message).toHaveText("The email or password is not correct.");
});

test("the deprovisioned user cannot sign in", async ({ page }) => {
  await signInThroughForm(page, "former@contoso.test", DEMO_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "email or password" })).toBeVisible();
  await gotoReady(page, "/settings/api-tokens");
  await expect(page).toHaveURL(/\/signin/);
});

test("signing out ends the session", async ({ page }) => {
  await signInThroughForm(page, "reader@contoso.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  // The page streams (the token table has a loading state): click once React is in charge.
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/settings/api-tokens");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});
