// A remembered device: failures made elsewhere do not lock a person out of a browser in which they
// signed in successfully before. An attacker who knows an admin's email and fails ten times locks the
// email for every other browser, not for the admin's own. The browser's cookie is bound to its user and
// signed by the deployment: another user's cookie or a forged one is no way around the lock, and a
// cookie has its own smaller limit (five failures), so whoever steals one is still throttled.
import type { Page } from "@playwright/test";
import { expect, FIXTURE_PASSWORD, gotoReady, test } from "../support/fixtures";
import { freshLoopbackIp, signInOverHttp } from "./sign-in-http";

const DEVICE_COOKIE = "keyport-device";

async function failTimes(email: string, times: number, options: { from: string; cookie?: string }) {
  for (let attempt = 0; attempt < times; attempt++) {
    const outcome = await signInOverHttp(email, `wrong-password-${attempt}`, options);
    expect(outcome, `attempt ${attempt + 1}`).toMatchObject({ error: "CredentialsSignin", sessionCookie: null });
  }
}

async function signInThroughForm(page: Page, email: string, password: string) {
  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe.configure({ timeout: 120_000 });

test("an admin who signed in before in this browser still signs in while an attacker's failures lock the email; a fresh browser is refused", async ({ browser, page, context, tenant }) => {
  await signInThroughForm(page, tenant.admin.email, FIXTURE_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  const device = (await context.cookies()).find((cookie) => cookie.name === DEVICE_COOKIE);
  expect(device, "the browser is remembered").toBeDefined();
  expect(device!.httpOnly).toBe(true);
  expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 60 * 60_000);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // Somewhere else, someone who knows the admin's email fails ten times: the email is locked.
  await failTimes(tenant.admin.email, 10, { from: freshLoopbackIp() });
  expect(await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });

  // The admin's own browser still signs in.
  await signInThroughForm(page, tenant.admin.email, FIXTURE_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  // A browser that never signed in is refused, in words.
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await signInThroughForm(freshPage, tenant.admin.email, FIXTURE_PASSWORD);
  await expect(freshPage.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toHaveText("Too many failed sign-ins. Try again in 15 minutes.");
  await expect(freshPage).toHaveURL(/\/signin/);
  await fresh.close();
});

test("another user's device cookie does not get past the lock; the user's own does", async ({ tenant }) => {
  const own = await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  const readers = await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  expect(own.deviceCookie).not.toBeNull();
  expect(readers.deviceCookie).not.toBeNull();
  await failTimes(tenant.admin.email, 10, { from: freshLoopbackIp() });

  expect(await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp(), cookie: readers.deviceCookie! })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
  const withOwn = await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp(), cookie: own.deviceCookie! });
  expect(withOwn.error).toBeNull();
  expect(withOwn.sessionCookie).not.toBeNull();
});

test("a forged or altered device cookie does not get past the lock", async ({ tenant }) => {
  const own = await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  const value = own.deviceCookie!.slice(`${DEVICE_COOKIE}=`.length);
  const [version, , deviceId, sessionVersion, issuedAt, mac] = value.split(".");
  await failTimes(tenant.admin.email, 10, { from: freshLoopbackIp() });

  const forgeries = [
    // The admin's device id and signature, moved to another user's id.
    [version, tenant.reader.id, deviceId, sessionVersion, issuedAt, mac].join("."),
    // The signature altered.
    [version, tenant.admin.id, deviceId, sessionVersion, issuedAt, (mac[0] === "A" ? "B" : "A") + mac.slice(1)].join("."),
    // Claiming a later session version than it was issued at.
    [version, tenant.admin.id, deviceId, String(Number(sessionVersion) + 1), issuedAt, mac].join("."),
    // Made up from scratch.
    [version, tenant.admin.id, "AAAAAAAAAAAAAAAAAAAAAA", sessionVersion, issuedAt, "forged"].join("."),
    "garbage",
  ];
  for (const forged of forgeries) {
    expect(await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from: freshLoopbackIp(), cookie: `${DEVICE_COOKIE}=${forged}` }), forged).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
  }
});

test("a remembered device has a limit of its own: after five failures through it, it is refused even the right password", async ({ tenant }) => {
  const own = await signInOverHttp(tenant.operator.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  await failTimes(tenant.operator.email, 5, { from: freshLoopbackIp(), cookie: own.deviceCookie! });
  expect(await signInOverHttp(tenant.operator.email, FIXTURE_PASSWORD, { from: freshLoopbackIp(), cookie: own.deviceCookie! })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
  // The failures through the device were the device's, not the email's: another browser still signs in.
  expect((await signInOverHttp(tenant.operator.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() })).error).toBeNull();
});

test("an admin's password reset forgets the person's remembered browsers: a cookie from before is no way around the lock", async ({ page, tenant }) => {
  // The operator's browser is remembered; then the admin resets the operator's password (say, the laptop was stolen).
  const before = await signInOverHttp(tenant.operator.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  expect(before.deviceCookie).not.toBeNull();
  await signInThroughForm(page, tenant.admin.email, FIXTURE_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Reset password of ${tenant.operator.name}` }).click();
  await page.getByRole("dialog", { name: `Reset the password of ${tenant.operator.name}?` }).getByRole("button", { name: "Reset password" }).click();
  const password = await page.getByRole("dialog", { name: `New password for ${tenant.operator.name}` }).getByRole("textbox", { name: "Password" }).inputValue();
  expect(password).not.toBe("");

  // Whoever holds the old browser guesses; the email locks; the old cookie does not open a limit of its own.
  await failTimes(tenant.operator.email, 10, { from: freshLoopbackIp(), cookie: before.deviceCookie! });
  expect(await signInOverHttp(tenant.operator.email, password, { from: freshLoopbackIp(), cookie: before.deviceCookie! })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
});
