import { expect, PORT, test } from "../support/fixtures";

const SETTINGS_PAGES = ["/", "/settings", "/settings/api-tokens", "/settings/siem-agents", "/settings/log-collectors", "/settings/users", "/settings/app-registrations", "/settings/audit-log", "/settings/account"];

for (const path of SETTINGS_PAGES) {
  test(`a signed-out visitor of ${path} is sent to sign-in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    // Nothing of a tenant shows, but for the demo accounts the sign-in page names while they exist.
    const outsideDemoNote = await page.evaluate(() => {
      const copy = document.body.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('script, [aria-labelledby="demo-accounts-title"]').forEach((element) => element.remove());
      return copy.textContent ?? "";
    });
    expect(outsideDemoNote).not.toMatch(/contoso/i);
  });
}

test("a forged session cookie does not get in", async ({ page, context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: "forged.cookie.value", url: `http://localhost:${PORT}` }]);
  await page.goto("/settings/api-tokens");
  await expect(page).toHaveURL(/\/signin/);
});
