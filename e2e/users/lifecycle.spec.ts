// The user lifecycle as people live it: an admin adds a reader, the reader works with a token, the admin
// deprovisions and reprovisions them, and the token follows every step.
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("add a reader → they sign in and generate a token → deprovision signs them out and refuses the token → reprovision restores it", async ({ browser, page, context, tenant }) => {
  // The admin adds a Security reader and gets the initial password, shown once.
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const addDialog = page.getByRole("dialog", { name: "Add user" });
  await addDialog.getByRole("textbox", { name: "Email" }).fill(`newbie@${tenant.slug}.test`);
  await addDialog.getByRole("textbox", { name: "Name" }).fill("Nina Newbie");
  await addDialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security reader" });
  await addDialog.getByRole("button", { name: "Add" }).click();
  const passwordDialog = page.getByRole("dialog", { name: "Initial password for Nina Newbie" });
  const initialPassword = await passwordDialog.getByRole("textbox", { name: "Password" }).inputValue();
  expect(initialPassword).toMatch(/^[A-Za-z0-9]{16}$/);
  await passwordDialog.getByRole("button", { name: "Close" }).click();
  const newbieRow = page.getByRole("row").filter({ hasText: "Nina Newbie" });
  await expect(newbieRow).toContainText("Security reader");
  await expect(newbieRow).toContainText("Active");

  // The reader signs in through the form with that password and generates a token.
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await gotoReady(readerPage, "/signin");
  await readerPage.getByRole("textbox", { name: "Email" }).fill(`newbie@${tenant.slug}.test`);
  await readerPage.getByRole("textbox", { name: "Password" }).fill(initialPassword);
  await readerPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(readerPage).toHaveURL(/\/settings\/api-tokens/);
  await readerPage.locator("html[data-hydrated]").waitFor();
  await readerPage.getByRole("button", { name: "Generate new token" }).click();
  await readerPage.getByRole("textbox", { name: "Token name" }).fill("Nina's SIEM pull");
  await readerPage.getByRole("button", { name: "Next" }).click();
  const token = await readerPage.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await readerPage.getByRole("button", { name: "Close" }).click();
  expect((await callApi("/api/v1/alerts/?limit=1", { token })).status).toBe(200);

  // The admin sees it.
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("row").filter({ hasText: "Nina's SIEM pull" })).toContainText("Nina Newbie");
  // The Users list counts it.
  await gotoReady(page, "/settings/users");
  await expect(page.getByRole("row").filter({ hasText: "Nina Newbie" }).getByRole("cell").nth(3)).toHaveText("1");

  // The admin deprovisions the reader, after a confirmation that explains what happens to the tokens.
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Deprovision Nina Newbie" }).click();
  const confirm = page.getByRole("dialog", { name: "Deprovision Nina Newbie?" });
  await expect(confirm).toContainText("permission denied");
  await confirm.getByRole("button", { name: "Deprovision" }).click();
  // The row's button now says "Reprovision": focus goes to the message saying what happened instead.
  const done = page.getByRole("status").filter({ hasText: "Nina Newbie is deprovisioned" });
  await expect(done).toBeFocused();
  await expect(done).toContainText("Their API tokens are refused from now on.");
  await expect(page.getByRole("row").filter({ hasText: "Nina Newbie" })).toContainText("Deprovisioned");

  // The reader's open session is signed out on its next navigation.
  await readerPage.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "My account" }).click();
  await expect(readerPage).toHaveURL(/\/signin\?ended=1/);
  await expect(readerPage.getByText("Your session has ended. Sign in again.")).toBeVisible();

  // The token is refused with permission_denied, and stays in the admin's table, marked.
  const refused = await callApi("/api/v1/alerts/?limit=1", { token });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("permission_denied");
  await gotoReady(page, "/settings/api-tokens");
  const tokenRow = page.getByRole("row").filter({ hasText: "Nina's SIEM pull" });
  await expect(tokenRow).toContainText("Deprovisioned");
  await expect(tokenRow.getByRole("button", { name: "Revoke Nina's SIEM pull" })).toBeVisible();

  // Reprovisioning restores the token.
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Reprovision Nina Newbie" }).click();
  await page.getByRole("dialog", { name: "Reprovision Nina Newbie?" }).getByRole("button", { name: "Reprovision" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Nina Newbie" })).toContainText("Active");
  expect((await callApi("/api/v1/alerts/?limit=1", { token })).status).toBe(200);
  await readerContext.close();
});

test("the add-user form says what is wrong, field by field", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("Enter a valid email address.");
  await expect(dialog).toContainText("Enter a name.");
  await expect(dialog).toContainText("at least 10 characters");

  // An email that is taken (here: the tenant's own reader) is refused.
  await dialog.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await dialog.getByRole("textbox", { name: "Name" }).fill("Someone");
  await dialog.getByLabel("Initial password").fill("");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog).toContainText("This email already belongs to a Keyport account.");
});

test("an admin resets a password: the old one stops working, the new one (shown once) signs in", async ({ browser, page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Reset password of ${tenant.operator.name}` }).click();
  await page.getByRole("dialog", { name: `Reset the password of ${tenant.operator.name}?` }).getByRole("button", { name: "Reset password" }).click();
  const password = await page.getByRole("dialog", { name: `New password for ${tenant.operator.name}` }).getByRole("textbox", { name: "Password" }).inputValue();

  const other = await browser.newContext();
  const csrf = await (await other.request.get("/api/auth/csrf")).json();
  await other.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email: tenant.operator.email, password: "fixture-password-1", json: "true" }, maxRedirects: 0 });
  expect((await other.cookies()).some((cookie) => cookie.name.includes("session-token"))).toBe(false);
  await signInContext(other, tenant.operator.email, password);
  await other.close();
});
