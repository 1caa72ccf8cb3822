import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("a user changes their own password: signed out everywhere, the new password signs in, the old one no longer does", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/account");
  await page.getByLabel("Current password").fill("wrong-password-1");
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Confirm new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.").first()).toBeVisible();

  await page.getByLabel("Current password").fill("fixture-password-1");
  await page.getByLabel("Confirm new password").fill("a-different-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two new passwords differ.").first()).toBeVisible();

  await page.getByLabel("Confirm new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/signin\?changed=1/);
  await expect(page.getByText("Your password has been changed. Sign in with the new one.")).toBeVisible();

  await page.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await page.getByRole("textbox", { name: "Password" }).fill("fixture-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByRole("textbox", { name: "Password" }).fill("a-brand-new-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens/);
});
