// Signing out ends the session on the server, not only in this browser: a copy of the session cookie
// taken before signing out no longer opens a page or runs a server action, and next-auth's session
// endpoint answers it like no session at all.
import type { Page, Route } from "@playwright/test";
import { apiTokenCountOf } from "../support/e2e-data";
import { expect, FIXTURE_PASSWORD, gotoReady, signInContext, test } from "../support/fixtures";
import { cookiesOf, freshLoopbackIp, request, signInOverHttp } from "../auth/sign-in-http";

type Captured = { url: string; headers: Record<string, string>; body: string };

/** Lets the click's server action through, and keeps the request for replaying later. */
async function captureAction(page: Page, path: string, click: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"] && !captured) {
      const headers = { ...request.headers() };
      for (const name of ["cookie", "host", "content-length"]) delete headers[name];
      captured = { url: request.url(), headers, body: request.postData() ?? "" };
    }
    await route.continue();
  };
  await page.route(`**${path}**`, handler);
  await click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute(`**${path}**`, handler);
  return captured!;
}

test("a session cookie copied before signing out opens no page and runs no action afterwards", async ({ page, context, browser, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  const generate = await captureAction(page, "/settings/api-tokens", async () => {
    await page.getByRole("button", { name: "Generate new token" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate new token" });
    await dialog.getByRole("textbox", { name: "Token name" }).fill("Before sign-out");
    await dialog.getByRole("button", { name: "Next" }).click();
  });
  await page.getByRole("dialog", { name: "Your new API token" }).getByRole("button", { name: "Close" }).click();
  const copied = await context.cookies();
  expect(copied.some((cookie) => cookie.name === "next-auth.session-token")).toBe(true);

  // While the session holds, the copy works: it is the same cookie.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const before = await thief.request.get("/settings/api-tokens", { maxRedirects: 0 });
  expect(before.status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // The copy no longer opens a page: the guard sends it to sign-in.
  const after = await thief.request.get("/settings/api-tokens", { maxRedirects: 0 });
  expect(after.status()).toBe(307);
  expect(after.headers()["location"]).toMatch(/^\/signin/);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/settings/users");
  await expect(thiefPage).toHaveURL(/\/signin/);
  await expect(thiefPage.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

  // Nor does it run the captured server action: no token is made.
  const tokensBefore = await apiTokenCountOf(tenant.id, tenant.admin.id);
  const replayed = await thief.request.post(generate.url, { headers: generate.headers, data: generate.body.replace("Before sign-out", "After sign-out"), maxRedirects: 0 });
  expect(await replayed.text()).toContain("Your session has ended");
  expect(await apiTokenCountOf(tenant.id, tenant.admin.id)).toBe(tokensBefore);
  await thief.close();

  // Signing in again gives a new session that works.
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
});

test("/api/auth/session answers {} for a session cookie that was signed out, as for any signed-out session", async ({ tenant }) => {
  const from = freshLoopbackIp();
  const signedIn = await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from });
  const cookie = signedIn.sessionCookie!;
  const before = await request("/api/auth/session", { from, cookie });
  expect(JSON.parse(before.text)).toMatchObject({ user: { email: tenant.reader.email }, userId: tenant.reader.id, tenantId: tenant.id });

  // Signing out through next-auth's own endpoint, as the portal's button does.
  const csrf = await request("/api/auth/csrf", { from, cookie });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const out = await request("/api/auth/signout", { from, cookie: [cookie, ...cookiesOf(csrf)].join("; "), form: { csrfToken, json: "true" } });
  expect(out.status).toBe(200);

  const after = await request("/api/auth/session", { from, cookie });
  expect(after.status).toBe(200);
  expect(JSON.parse(after.text)).toEqual({});
  expect(after.text).not.toContain(tenant.reader.email);
  expect(after.text).not.toContain(tenant.id);
  // Exactly what a browser with no session at all is told.
  expect(JSON.parse((await request("/api/auth/session", { from })).text)).toEqual({});
});
