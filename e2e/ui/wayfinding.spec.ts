// Finding one's way: nobody is offered a link to a page that answers 403, the menus say where you are,
// breadcrumbs lead back, and the "not found" and "no access" pages keep the portal around them.
import type { Page } from "@playwright/test";
import { createFreshTenant, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { setUpApp } from "../support/oauth";

/** Every same-site link on the page, and the status each answers to this browser's session. */
async function linkStatuses(page: Page): Promise<{ href: string; status: number }[]> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href")!))]);
  const statuses = [];
  for (const href of hrefs) statuses.push({ href, status: (await page.context().request.get(href, { maxRedirects: 0 })).status() });
  return statuses;
}

for (const who of ["reader", "operator"] as const) {
  test(`a ${who} sees no link to a page they cannot open`, async ({ page, context, tenant }) => {
    await signInContext(context, tenant[who].email);
    for (const path of ["/settings/api-tokens", "/settings/account", "/alerts"]) {
      await gotoReady(page, path);
      for (const label of ["Users", "Single sign-on", "Provisioning", "Service accounts", "App registrations", "Audit log", "SIEM agents", "Log collectors"]) {
        await expect(page.getByRole("link", { name: label, exact: true }), `${path} links to ${label}`).toHaveCount(0);
      }
      for (const link of await linkStatuses(page)) expect(link.status, `${path} links to ${link.href}`).not.toBe(403);
    }
    const settings = page.getByRole("navigation", { name: "Settings" });
    await gotoReady(page, "/settings/account");
    await expect(settings.getByRole("link")).toHaveText(["API tokens", "My account"]);
    // A reader's tokens can only read, and the token page says so; an operator's can change data.
    await gotoReady(page, "/settings/api-tokens");
    const notice = page.getByRole("note").filter({ hasText: "Your tokens are read-only." });
    if (who === "reader") await expect(notice).toContainText("no token of yours can change anything");
    else await expect(notice).toHaveCount(0);
    // The pages themselves still refuse, whatever the menu shows.
    expect((await page.goto("/settings/users"))?.status()).toBe(403);
  });
}

test("a full admin's menu lists every settings page, each of which opens", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/account");
  const settings = page.getByRole("navigation", { name: "Settings" });
  await expect(settings.getByRole("link")).toHaveText(["API tokens", "SIEM agents", "Log collectors", "Token policy", "Webhooks", "Users", "Single sign-on", "Provisioning", "Service accounts", "App registrations", "Audit log", "My account"]);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("note").filter({ hasText: "read-only" })).toHaveCount(0);
  for (const link of await linkStatuses(page)) expect(link.status, link.href).toBeLessThan(400);
});

test("the menus say where you are, and an app's breadcrumbs lead back to the list", async ({ page, context, tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  await signInContext(context, tenant.admin.email);
  const portal = page.getByRole("navigation", { name: "Portal" });

  await gotoReady(page, "/alerts");
  await expect(portal.getByRole("link", { name: "Alerts" })).toHaveAttribute("aria-current", "page");
  await expect(portal.getByRole("link", { name: "Settings" })).not.toHaveAttribute("aria-current", /.+/);

  await gotoReady(page, `/settings/app-registrations/${app.clientId}`);
  await expect(portal.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "true");
  await expect(portal.getByRole("link", { name: "Alerts" })).not.toHaveAttribute("aria-current", /.+/);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("listitem")).toHaveText(["Settings", /Access/, /App registrations/]);
  await crumbs.getByRole("link", { name: "App registrations" }).click();
  await expect(page).toHaveURL(/\/settings\/app-registrations$/);
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "App registrations" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "App registrations", level: 1 })).toBeVisible();
});

test("a settings address with nothing behind it answers 404 inside the portal, with its header and menu", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  for (const path of ["/settings/no-such-page", "/settings/app-registrations/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("button", { name: "Help" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" })).toBeVisible();
  }
  expect((await page.goto("/alerts/000000000000000000000000"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Alert not found", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Back to Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
});

test("the 403 page keeps the portal's menu, and its skip link leads to its content", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  expect((await page.goto("/settings/app-registrations"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("You don't have access to this page");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(page.locator("main#main")).toContainText("You don't have access to this page");
});

test("a consent link that cannot be used says why under a heading, and leads back", async ({ page, context, tenant }) => {
  const publisher = await createFreshTenant();
  const single = await setUpApp({ id: publisher.admin.id, tenantId: publisher.id }, ["Investigation.read"]);
  await signInContext(context, tenant.admin.email);
  for (const clientId of ["00000000-0000-4000-8000-000000000000", single.clientId]) {
    await gotoReady(page, `/common/adminconsent?client_id=${clientId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This consent request cannot go ahead");
    await expect(page.getByRole("alert").filter({ hasText: "This app is not available to your organization." })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to the portal" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
});
