// The sign-in form as a person meets it: a deep link survives signing in, empty fields are caught
// before anything is sent, and a refused password marks the fields, describes them with the reason
// and puts the cursor back in the password field.
import { expect, FIXTURE_PASSWORD, gotoReady, test } from "../support/fixtures";

test("a deep link followed while signed out comes back to that page after signing in", async ({ page, tenant }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/signin\?next=%2Fsettings%2Fusers$/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(tenant.admin.email);
  await page.getByRole("textbox", { name: "Password" }).fill(FIXTURE_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole("table", { name: "Users" })).toContainText(tenant.reader.email);
});

test("a deep link with a query keeps it", async ({ page, tenant }) => {
  await page.goto("/settings/api-tokens?status=active");
  await expect(page).toHaveURL(/\/signin\?next=%2Fsettings%2Fapi-tokens%3Fstatus%3Dactive$/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await page.getByRole("textbox", { name: "Password" }).fill(FIXTURE_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens\?status=active$/);
});

test("an empty submit is answered on the page, field by field, without asking the server", async ({ page }) => {
  const signInRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback")) signInRequests.push(request.url());
  });
  await gotoReady(page, "/signin");
  const email = page.getByRole("textbox", { name: "Email" });
  const password = page.getByRole("textbox", { name: "Password" });

  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter your email.");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Enter your password.");
  await expect(email).toBeFocused();

  await email.fill("someone@example.test");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Enter your password.");
  await expect(password).toBeFocused();
  expect(signInRequests).toEqual([]);
  await expect(page.getByRole("alert").filter({ hasText: "email or password" })).toHaveCount(0);
});

test("a wrong password marks both fields invalid, described by the message, with the cursor back in the password field", async ({ page, tenant }) => {
  await gotoReady(page, "/signin");
  const email = page.getByRole("textbox", { name: "Email" });
  const password = page.getByRole("textbox", { name: "Password" });
  await email.fill(tenant.reader.email);
  await password.fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page.getByRole("alert").filter({ hasText: "email or password" })).toHaveText("The email or password is not correct.");
  for (const field of [email, password]) {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription("The email or password is not correct.");
  }
  await expect(password).toBeFocused();
  // Typing straight away replaces the wrong password.
  await page.keyboard.type(FIXTURE_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
});
