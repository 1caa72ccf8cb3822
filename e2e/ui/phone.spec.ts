// The portal on a phone (390 × 844, touch) and at 200 % zoom on a laptop (683 px wide): nothing
// scrolls sideways, the settings menu and the account fold into buttons, and every dialog's buttons
// can be tapped.
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { setUpApp } from "../support/oauth";
import { expectNoSidewaysScroll, PHONE, ZOOMED } from "./ui-support";

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("an admin generates a token, revokes it and signs out, all by tapping", async ({ page, context, tenant }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/api-tokens");
    await expectNoSidewaysScroll(page, "API tokens");

    await page.getByRole("button", { name: "Generate new token" }).tap();
    const dialog = page.getByRole("dialog", { name: "Generate new token" });
    await dialog.getByRole("textbox", { name: "Token name" }).fill("Phone-made token");
    const next = dialog.getByRole("button", { name: "Next" });
    await expect(next).toBeInViewport();
    await next.tap();
    const shown = page.getByRole("dialog", { name: "Your new API token" });
    const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
    expect((await callApi("/api/v1/alerts/?limit=1", { token: value })).status).toBe(200);
    await shown.getByRole("button", { name: "Copy" }).tap();
    await expect(shown.getByRole("status").filter({ hasText: /^Copied$/ })).toBeVisible();
    await expectNoSidewaysScroll(page, "the new token's dialog");
    await shown.getByRole("button", { name: "Close" }).tap();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await page.getByRole("button", { name: "Revoke Phone-made token" }).tap();
    const revoke = page.getByRole("dialog", { name: "Revoke token?" });
    await expect(revoke).toContainText("Phone-made token");
    await expect(revoke.getByRole("button", { name: "Revoke" })).toBeInViewport();
    await revoke.getByRole("button", { name: "Revoke" }).tap();
    await expect(page.getByRole("row").filter({ hasText: "Phone-made token" })).toHaveCount(0);
    expect((await callApi("/api/v1/alerts/?limit=1", { token: value })).status).toBe(401);

    // Sign out is one tap behind "Account", whose panel stays on the screen.
    const account = page.getByRole("banner").getByRole("button", { name: "Account" });
    await expect(account).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
    await account.tap();
    await expect(account).toHaveAttribute("aria-expanded", "true");
    const signOut = page.getByRole("button", { name: "Sign out" });
    await expect(signOut).toBeInViewport();
    await expect(page.getByTestId("signed-in-user")).toContainText(tenant.admin.email);
    await signOut.tap();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/settings/api-tokens");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the settings menu folds into a button that says where you are", async ({ page, context, tenant }) => {
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/api-tokens");
    const nav = page.getByRole("navigation", { name: "Settings" });
    const menu = nav.getByRole("button", { name: /Settings menu/ });
    await expect(menu).toHaveAccessibleName("Settings menu · API tokens");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Users" })).toBeHidden();
    // The page gets the whole width: the heading starts at the left edge, not beside a menu.
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    expect(heading!.x).toBeLessThan(40);

    await menu.tap();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Users" }).tap();
    await expect(page).toHaveURL(/\/settings\/users$/);
    await expect(nav.getByRole("button", { name: /Settings menu/ })).toHaveAccessibleName("Settings menu · Users");
    await expect(nav.getByRole("button", { name: /Settings menu/ })).toHaveAttribute("aria-expanded", "false");

    // Escape folds it again and gives the focus back to its button.
    await menu.click();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
  });

  test("every dialog of the users page fits the screen and its buttons can be tapped", async ({ page, context, tenant }) => {
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/users");
    await expectNoSidewaysScroll(page, "Users");
    // The table scrolls inside its own box, which the keyboard can reach.
    const region = page.getByRole("region", { name: "Users table" });
    await expect(region).toHaveAttribute("tabindex", "0");

    await page.getByRole("button", { name: "Add user" }).tap();
    const add = page.getByRole("dialog", { name: "Add user" });
    for (const button of ["Cancel", "Add"]) {
      const box = (await add.getByRole("button", { name: button, exact: true }).boundingBox())!;
      expect(box.height, `${button} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await add.getByRole("textbox", { name: "Email" }).fill(`tapped@${tenant.slug}.test`);
    await add.getByRole("textbox", { name: "Name" }).fill("Tapped In");
    await add.getByRole("button", { name: "Add" }).tap();
    const password = page.getByRole("dialog", { name: "Initial password for Tapped In" });
    await expect(password.getByRole("button", { name: "Close" })).toBeInViewport();
    await password.getByRole("button", { name: "Close" }).tap();

    await page.getByRole("button", { name: "Change role of Tapped In" }).tap();
    const role = page.getByRole("dialog", { name: "Change the role of Tapped In" });
    await role.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security operator" });
    await expect(role.getByRole("button", { name: "Save" })).toBeInViewport();
    await role.getByRole("button", { name: "Save" }).tap();
    await expect(page.getByRole("row").filter({ hasText: "Tapped In" })).toContainText("Security operator");
  });
});

test.describe("at 200 % zoom on a laptop (683 px)", () => {
  test.use({ viewport: ZOOMED });

  test("no page of the portal scrolls sideways, and the header keeps Sign out within reach", async ({ page, context, tenant }) => {
    const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
    await signInContext(context, tenant.admin.email);
    const pages = ["/settings/api-tokens", "/settings/users", "/settings/app-registrations", `/settings/app-registrations/${app.clientId}`, "/settings/app-registrations/decode", "/settings/siem-agents", "/settings/log-collectors", "/settings/account", "/alerts", "/settings/no-such-page"];
    for (const path of pages) {
      await gotoReady(page, path);
      await expectNoSidewaysScroll(page, path);
      await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: /Settings menu/ }).or(page.getByRole("heading", { name: "Alerts", level: 1 }))).toBeVisible();
    }
    await page.getByRole("banner").getByRole("button", { name: "Account" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  });
});
