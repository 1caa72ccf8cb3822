// The sign-in throttle over HTTP and in the browser. Ten failed sign-ins for one email within 15
// minutes lock it for 15 minutes, even for the right password, and the sign-in page says "Too many
// failed sign-ins"; unknown emails are answered the same way; a success clears the count; one client
// IP failing across many emails is locked out on its own; the current-password check of My account
// shares the email's count. The 15 minutes pass by moving the throttle's clock in the database.
// Each test's failed attempts come from a loopback address of its own (127.x.y.z), so they never
// count against the 127.0.0.1 of the browser tests.
import { ageSignInThrottle, latestAuditEvent } from "../support/e2e-data";
import { expect, FIXTURE_PASSWORD, gotoReady, signInContext, test } from "../support/fixtures";
import { freshLoopbackIp, signInOverHttp } from "../auth/sign-in-http";

const FIFTEEN_MINUTES = 15 * 60_000;

async function failTimes(email: string, times: number, from: string) {
  for (let attempt = 0; attempt < times; attempt++) {
    const outcome = await signInOverHttp(email, `wrong-password-${attempt}`, { from });
    expect(outcome, `attempt ${attempt + 1}`).toMatchObject({ status: 401, error: "CredentialsSignin", sessionCookie: null });
  }
}

async function signInThroughForm(page: import("@playwright/test").Page, email: string, password: string) {
  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe.configure({ timeout: 120_000 });

test("ten failed sign-ins lock the email for 15 minutes, even for the right password; the page says so", async ({ page, tenant }) => {
  const attacker = freshLoopbackIp();
  await failTimes(tenant.reader.email, 10, attacker);

  // The right password, from anywhere, is refused while the lock holds.
  const locked = await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  expect(locked).toMatchObject({ status: 401, error: "SignInThrottled", sessionCookie: null });
  await signInThroughForm(page, tenant.reader.email, FIXTURE_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toHaveText("Too many failed sign-ins. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/signin/);

  // The tenant's audit log has the failures and the lock.
  expect(JSON.parse((await latestAuditEvent(tenant.id, "user.signInFailed"))!.details)).toMatchObject({ email: tenant.reader.email, clientIp: attacker });
  expect(await latestAuditEvent(tenant.id, "user.signInLocked")).not.toBeNull();

  // Fifteen minutes later the right password works again.
  await ageSignInThrottle({ email: tenant.reader.email }, FIFTEEN_MINUTES);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
});

test("an email with no account is throttled the same way, so the answer tells nothing", async ({ tenant }) => {
  const from = freshLoopbackIp();
  const unknown = `nobody-${tenant.slug}@${tenant.slug}.test`;
  await failTimes(unknown, 10, from);
  const known = tenant.operator.email;
  await failTimes(known, 10, freshLoopbackIp());
  const answers = [await signInOverHttp(unknown, "anything", { from: freshLoopbackIp() }), await signInOverHttp(known, "anything", { from: freshLoopbackIp() })];
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0]).toMatchObject({ status: 401, error: "SignInThrottled" });
});

test("a successful sign-in clears the count: nine failures, a success, nine more, and the email still signs in", async ({ tenant }) => {
  const from = freshLoopbackIp();
  await failTimes(tenant.admin.email, 9, from);
  expect((await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from })).sessionCookie).not.toBeNull();
  await failTimes(tenant.admin.email, 9, from);
  const outcome = await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD, { from });
  expect(outcome.error).toBeNull();
  expect(outcome.sessionCookie).not.toBeNull();
});

test("one client IP failing across many emails is locked out of sign-in; another IP still signs in", async ({ tenant }) => {
  const sprayer = freshLoopbackIp();
  // Thirty different emails, none failing often enough to lock itself: only the IP's own limit applies.
  for (let batch = 0; batch < 10; batch++) {
    await Promise.all(
      [0, 1, 2].map(async (index) => {
        const outcome = await signInOverHttp(`spray-${batch}-${index}-${tenant.slug}@example.test`, "guess", { from: sprayer });
        expect(outcome.error).toBe("CredentialsSignin");
      }),
    );
  }
  expect(await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: sprayer })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
  const elsewhere = await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: freshLoopbackIp() });
  expect(elsewhere.error).toBeNull();
  expect(elsewhere.sessionCookie).not.toBeNull();

  await ageSignInThrottle({ clientIp: sprayer }, FIFTEEN_MINUTES);
  expect((await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD, { from: sprayer })).error).toBeNull();
});

test("the current-password check of My account shares the email's count: once it is locked, even the right password is refused there", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  await failTimes(tenant.operator.email, 10, freshLoopbackIp());
  await gotoReady(page, "/settings/account");
  await page.getByLabel("Current password").fill(FIXTURE_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Confirm new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Too many failed attempts. Try again in 15 minutes.").first()).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/settings\/account$/);

  await ageSignInThrottle({ email: tenant.operator.email }, FIFTEEN_MINUTES);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/signin\?changed=1/);
});
