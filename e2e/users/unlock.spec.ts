// A person locked out of sign-in by too many failed sign-ins shows as locked on the Users page, with
// until when; a full admin unlocks them there, and both the lock and the unlock are in the audit log.
// The unlock is a server action that checks on the server who calls it: an operator, or an admin of
// another tenant, replaying it changes nothing.
import type { Page, Route } from "@playwright/test";
import { createFreshTenant, expect, FIXTURE_PASSWORD, gotoReady, signInContext, test } from "../support/fixtures";
import { freshLoopbackIp, signInOverHttp } from "../auth/sign-in-http";

test.describe.configure({ timeout: 120_000 });

async function lock(email: string) {
  const from = freshLoopbackIp();
  for (let attempt = 0; attempt < 10; attempt++) expect((await signInOverHttp(email, `wrong-${attempt}`, { from })).error).toBe("CredentialsSignin");
  expect((await signInOverHttp(email, FIXTURE_PASSWORD, { from: freshLoopbackIp() })).error).toBe("SignInThrottled");
}

type Captured = { url: string; headers: Record<string, string>; body: string };

/** Lets the click's server action through, and keeps the request for replaying later. */
async function captureAction(page: Page, click: () => Promise<void>): Promise<Captured> {
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
  await page.route("**/settings/users**", handler);
  await click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute("**/settings/users**", handler);
  return captured!;
}

test("an admin sees a locked user on the Users page and unlocks them; the user signs in again; the audit log has the lock and the unlock", async ({ page, context, tenant }) => {
  await lock(tenant.reader.email);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  const row = page.getByRole("row").filter({ hasText: tenant.reader.email });
  await expect(row).toContainText("Locked until");
  await expect(row).toContainText("Too many failed sign-ins");
  await expect(page.getByRole("row").filter({ hasText: tenant.operator.email })).not.toContainText("Locked");
  await expect(page.getByRole("button", { name: `Unlock ${tenant.operator.name}` })).toHaveCount(0);

  await row.getByRole("button", { name: `Unlock ${tenant.reader.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Unlock ${tenant.reader.name}?` });
  await dialog.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`${tenant.reader.name} is unlocked and can sign in again.`);
  await expect(row).not.toContainText("Locked");

  const signedIn = await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  expect(signedIn.error).toBeNull();
  expect(signedIn.sessionCookie).not.toBeNull();

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row").filter({ hasText: "Sign-in locked" }).first()).toContainText(tenant.reader.email);
  const unlock = log.getByRole("row").filter({ hasText: "Sign-in unlocked" });
  await expect(unlock).toContainText(tenant.reader.email);
  await expect(unlock).toContainText(tenant.admin.email);
});

test("the unlock action replayed by an operator, or by another tenant's admin, unlocks nothing", async ({ page, context, browser, tenant }) => {
  await lock(tenant.reader.email);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  // The admin unlocks the reader once, so the action's request can be replayed by others.
  const unlock = await captureAction(page, async () => {
    await page.getByRole("button", { name: `Unlock ${tenant.reader.name}` }).click();
    await page.getByRole("dialog", { name: `Unlock ${tenant.reader.name}?` }).getByRole("button", { name: "Unlock" }).click();
  });
  await expect(page.getByTestId("toasts")).toContainText("is unlocked");
  await lock(tenant.reader.email);

  const other = await createFreshTenant();
  for (const [who, email] of [
    ["the tenant's operator (no full admin)", tenant.operator.email],
    ["another tenant's admin", other.admin.email],
  ]) {
    const replayer = await browser.newContext();
    await signInContext(replayer, email);
    const replayed = await replayer.request.post(unlock.url, { headers: unlock.headers, data: unlock.body, maxRedirects: 0 });
    expect(replayed.status(), who).toBeLessThan(500);
    await replayer.close();
    expect((await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() })).error, who).toBe("SignInThrottled");
  }
});
