// Only a tenant's full admins reach user management: the page answers 403 to everyone else, and every
// user-management server action, replayed over HTTP with another person's session, changes nothing.
import type { APIRequestContext, Page } from "@playwright/test";
import { userById, userByEmail } from "../support/e2e-data";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test, type FreshTenant } from "../support/fixtures";

type Captured = { url: string; headers: Record<string, string>; body: string };

/** Lets the admin's click go through, and keeps the server action request it sent. */
async function capture(page: Page, click: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  const handler = async (route: import("@playwright/test").Route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"] && !captured) {
      const headers = { ...request.headers() };
      for (const name of ["cookie", "host", "content-length"]) delete headers[name];
      captured = { url: request.url(), headers, body: request.postData() ?? "" };
    }
    await route.continue();
  };
  await page.route("**/settings/users**", handler);
  await click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute("**/settings/users**", handler);
  return captured!;
}

async function replay(request: APIRequestContext, action: Captured, replacements: [string, string][]) {
  let body = action.body;
  for (const [from, to] of replacements) body = body.replaceAll(from, to);
  const response = await request.post(action.url, { headers: action.headers, data: body, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

/** The admin performs each user-management action once; the requests are kept for replay. */
async function captureAllActions(page: Page, tenant: FreshTenant) {
  await gotoReady(page, "/settings/users");
  const add = await capture(page, async () => {
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add user" });
    await dialog.getByRole("textbox", { name: "Email" }).fill(`captured@${tenant.slug}.test`);
    await dialog.getByRole("textbox", { name: "Name" }).fill("Captured");
    await dialog.getByRole("button", { name: "Add" }).click();
  });
  await page.getByRole("dialog", { name: "Initial password for Captured" }).getByRole("button", { name: "Close" }).click();

  const role = await capture(page, async () => {
    await page.getByRole("button", { name: `Change role of ${tenant.operator.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.operator.name}` });
    await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security reader" });
    await dialog.getByRole("button", { name: "Save" }).click();
  });
  await expect(page.getByTestId("toasts")).toContainText("is now Security reader");

  const deprovision = await capture(page, async () => {
    await page.getByRole("button", { name: `Deprovision ${tenant.operator.name}` }).click();
    await page.getByRole("dialog", { name: `Deprovision ${tenant.operator.name}?` }).getByRole("button", { name: "Deprovision" }).click();
  });
  await expect(page.getByRole("status").filter({ hasText: "is deprovisioned" })).toBeVisible();

  const reset = await capture(page, async () => {
    await page.getByRole("button", { name: `Reset password of ${tenant.operator.name}` }).click();
    await page.getByRole("dialog", { name: `Reset the password of ${tenant.operator.name}?` }).getByRole("button", { name: "Reset password" }).click();
  });
  return { add, role, deprovision, reset };
}

test("readers and operators get a 403 page for user management, and not the link's content", async ({ page, context, tenant }) => {
  for (const who of [tenant.reader, tenant.operator]) {
    await context.clearCookies();
    await signInContext(context, who.email);
    const response = await page.goto("/settings/users");
    expect(response?.status(), who.email).toBe(403);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
    await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
    expect((await page.goto("/settings/audit-log"))?.status()).toBe(403);
  }
});

test("no non-admin can run a user-management action, even by replaying the admin's requests", async ({ page, context, browser, tenant }) => {
  await signInContext(context, tenant.admin.email);
  const actions = await captureAllActions(page, tenant);
  const victim = tenant.admin;
  const before = await userById(victim.id);

  for (const who of [tenant.reader]) {
    const other = await browser.newContext();
    await signInContext(other, who.email);
    const attempts = [
      await replay(other.request, actions.add, [[`captured@${tenant.slug}.test`, `intruder@${tenant.slug}.test`]]),
      await replay(other.request, actions.role, [[tenant.operator.id, victim.id]]),
      await replay(other.request, actions.deprovision, [[tenant.operator.id, victim.id]]),
      await replay(other.request, actions.reset, [[tenant.operator.id, victim.id]]),
    ];
    for (const attempt of attempts) expect(attempt.text, who.email).toContain("Only a Global administrator can");
    await other.close();
  }
  const after = await userById(victim.id);
  expect(after).toMatchObject({ role: before.role, deprovisionedAt: null, passwordHash: before.passwordHash, sessionVersion: before.sessionVersion });
  await expect(userByEmail(`intruder@${tenant.slug}.test`)).rejects.toThrow();

  // A signed-out request changes nothing either.
  const anonymous = await browser.newContext();
  const signedOut = await replay(anonymous.request, actions.deprovision, [[tenant.operator.id, victim.id]]);
  expect(signedOut.text).toContain("Your session has ended");
  expect((await userById(victim.id)).deprovisionedAt).toBeNull();
  await anonymous.close();
});

test("an admin of one tenant cannot touch a user of another tenant", async ({ page, context, browser, tenant }) => {
  await signInContext(context, tenant.admin.email);
  const actions = await captureAllActions(page, tenant);
  const fabrikamAdmin = await userByEmail("admin@fabrikam.test");

  const contoso = await browser.newContext();
  await signInContext(contoso, "admin@contoso.test", DEMO_PASSWORD);
  for (const action of [actions.role, actions.deprovision, actions.reset]) {
    const attempt = await replay(contoso.request, action, [[tenant.operator.id, fabrikamAdmin.id]]);
    expect(attempt.text).toContain("No such user in this tenant.");
  }
  const after = await userById(fabrikamAdmin.id);
  expect(after).toMatchObject({ role: "GLOBAL_ADMIN", deprovisionedAt: null, passwordHash: fabrikamAdmin.passwordHash });

  // Nor list them: the Users page shows only its own tenant.
  const contosoPage = await contoso.newPage();
  await gotoReady(contosoPage, "/settings/users");
  await expect(contosoPage.getByRole("table", { name: "Users" })).toContainText("admin@contoso.test");
  await expect(contosoPage.getByRole("table", { name: "Users" })).not.toContainText("fabrikam");
  await contoso.close();
});
