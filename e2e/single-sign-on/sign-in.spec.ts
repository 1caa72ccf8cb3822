// Single sign-on as people live it: a Global administrator sets up the tenant's OpenID Connect provider
// on Settings › Single sign-on, and the tenant's people sign in through that provider (a real
// oidc-provider started by the test on the loopback) in the browser. The refusals a person can meet
// are said in words on the sign-in page.
import type { Page } from "@playwright/test";
import { createFreshTenant, expect, gotoReady, PORT, signInContext, test, type FreshTenant } from "../support/fixtures";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { latestAuditEvent, userByEmail } from "../support/e2e-data";
import { axeViolations } from "../support/axe";
import { DESKTOP, PHONE } from "../ui/ui-support";
import { saveSsoSettings } from "@/lib/identity/sso-settings";
import { singleSignOnSchema } from "@/lib/identity/schemas";
import { ssoSessionCookie } from "@/lib/identity/sso-session";

const REDIRECT_URI = `http://localhost:${PORT}/signin/sso/callback`;

let provider: TestProvider;
test.beforeAll(async () => {
  provider = await startTestProvider(REDIRECT_URI);
});
test.afterAll(async () => {
  await provider?.close();
});

const domainOf = (tenant: FreshTenant) => `${tenant.slug}.test`;

/** The settings as an admin saves them, straight through lib/ (the page itself has a story of its own). */
async function configure(tenant: FreshTenant, overrides: Partial<{ defaultRole: "NONE" | "SECURITY_READER" | "SECURITY_OPERATOR"; requireSso: boolean }> = {}) {
  await saveSsoSettings(
    { tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" },
    singleSignOnSchema.parse({
      issuerUrl: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      emailDomains: domainOf(tenant),
      adminGroup: "keyport-admins",
      operatorGroup: "keyport-operators",
      readerGroup: "keyport-readers",
      defaultRole: overrides.defaultRole ?? "NONE",
      requireSso: overrides.requireSso ?? false,
    }),
  );
}

/** From Keyport's sign-in page through the provider's login page, as a person does it. */
async function signInThroughProvider(page: Page, email: string, login: string): Promise<void> {
  // A fresh start at both ends: no Keyport session, no session at the provider (which would skip its login page).
  await page.context().clearCookies();
  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL(`${provider.issuer}/**`, { waitUntil: "commit" });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function expectRefusal(page: Page, words: RegExp): Promise<void> {
  await page.waitForURL(/\/signin\?/);
  await expect(page.locator("#signin-error")).toHaveText(words);
}

test("an admin sets up single sign-on on its page, and a first-time person signs in through the provider with the role their groups give", async ({ browser, page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/single-sign-on");
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Redirect URI" })).toHaveValue(REDIRECT_URI);
  await page.getByRole("textbox", { name: "Issuer URL" }).fill(provider.issuer);
  await page.getByRole("textbox", { name: "Client ID" }).fill(provider.clientId);
  await page.getByLabel("Client secret").fill(provider.clientSecret);
  await page.getByRole("textbox", { name: "Email domains" }).fill(`${domainOf(tenant)}, other-${domainOf(tenant)}`);
  await page.getByRole("textbox", { name: "Global administrator group" }).fill("keyport-admins");
  await page.getByRole("textbox", { name: "Security operator group" }).fill("keyport-operators");
  await page.getByRole("textbox", { name: "Security reader group" }).fill("keyport-readers");
  await page.getByRole("combobox", { name: "Default role" }).selectOption({ label: "No access" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Single sign-on saved.");

  // The secret is write-only: after a reload the field is empty, and saving with it empty keeps it.
  await gotoReady(page, "/settings/single-sign-on");
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  expect(await page.content()).not.toContain(provider.clientSecret);
  await expect(page.getByRole("textbox", { name: "Issuer URL" })).toHaveValue(provider.issuer);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Single sign-on saved.");

  const email = `nina@${domainOf(tenant)}`;
  provider.account("nina", { email: `Nina@${domainOf(tenant)}`, name: "Nina SSO", groups: ["keyport-operators"] });
  const person = await browser.newContext();
  try {
    const personPage = await person.newPage();
    let callback: string | null = null;
    personPage.on("request", (request) => {
      if (request.url().includes("/signin/sso/callback?")) callback = request.url();
    });
    await signInThroughProvider(personPage, email, "nina");
    await personPage.waitForURL(/\/settings\/api-tokens/);
    await expect(personPage.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    expect(await userByEmail(email)).toMatchObject({ tenantId: tenant.id, role: "SECURITY_OPERATOR", name: "Nina SSO" });

    // The admin's Users page says who signs in with single sign-on, and when they last did.
    await gotoReady(page, "/settings/users");
    await expect(page.getByRole("row").filter({ hasText: email })).toContainText(/Single sign-on, last (just now|\d+ minutes? ago)/);

    // Signing out of Keyport offers the provider's own sign-out.
    await personPage.locator("html[data-hydrated]").waitFor();
    await personPage.getByRole("button", { name: "Sign out" }).click();
    await expect(personPage.getByRole("link", { name: "Sign out of your identity provider too" })).toHaveAttribute("href", new RegExp(`^${provider.issuer}/`));

    // A replayed callback (its URL taken from this browser, without the attempt's cookie) is refused in words.
    expect(callback).not.toBeNull();
    await person.clearCookies();
    await personPage.goto(callback!);
    await expectRefusal(personPage, /expired or was already used/);
  } finally {
    await person.close();
  }
});

test("saving checks the issuer's discovery document at once and says what is wrong; only full admins may open the page", async ({ page, context, tenant, browser }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/single-sign-on");
  await page.getByRole("textbox", { name: "Issuer URL" }).fill(`${provider.issuer}/not-the-issuer`);
  await page.getByRole("textbox", { name: "Client ID" }).fill(provider.clientId);
  await page.getByLabel("Client secret").fill(provider.clientSecret);
  await page.getByRole("textbox", { name: "Email domains" }).fill(domainOf(tenant));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The issuer" })).toContainText(/answered .* with HTTP 404|names another issuer/);
  await expect(page.getByRole("textbox", { name: "Issuer URL" })).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("textbox", { name: "Issuer URL" }).fill("http://127.0.0.1:1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "unreachable" })).toBeVisible();

  const reader = await browser.newContext();
  try {
    await signInContext(reader, tenant.reader.email);
    const readerPage = await reader.newPage();
    const response = await readerPage.goto("/settings/single-sign-on");
    expect(response?.status()).toBe(403);
  } finally {
    await reader.close();
  }
});

test("the provider's groups set the role at every sign-in; no access, an unverified email and an unknown domain are refused in words", async ({ page, tenant }) => {
  await configure(tenant);
  // An existing reader whose provider groups now make them a Global administrator.
  provider.account("reader", { email: tenant.reader.email, groups: ["keyport-admins"] });
  await signInThroughProvider(page, tenant.reader.email, "reader");
  await page.waitForURL(/\/settings\/api-tokens/);
  expect((await userByEmail(tenant.reader.email))?.role).toBe("GLOBAL_ADMIN");
  await gotoReady(page, "/settings/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  provider.account("nobody", { email: `nobody@${domainOf(tenant)}`, groups: ["somewhere-else"] });
  await signInThroughProvider(page, `nobody@${domainOf(tenant)}`, "nobody");
  await expectRefusal(page, /give you no access to Keyport/);
  expect((await latestAuditEvent(tenant.id, "user.ssoSignInRefused"))?.details).toContain("No access");

  provider.account("unverified", { email: `unverified@${domainOf(tenant)}`, email_verified: false, groups: ["keyport-readers"] });
  await signInThroughProvider(page, `unverified@${domainOf(tenant)}`, "unverified");
  await expectRefusal(page, /not verified/);

  provider.account("outsider", { email: "outsider@elsewhere.test", groups: ["keyport-readers"] });
  await signInThroughProvider(page, `someone@${domainOf(tenant)}`, "outsider");
  await expectRefusal(page, /outside your organization's single sign-on domains/);

  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill("someone@no-sso-here.test");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await expectRefusal(page, /not set up for this email's domain/);
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("someone@no-sso-here.test");
});

test("Require single sign-on refuses the tenant's users their password in words, except Global administrators, whose sign-in is listed", async ({ page, browser, tenant }) => {
  await configure(tenant, { requireSso: true, defaultRole: "SECURITY_READER" });
  await gotoReady(page, "/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(tenant.reader.email);
  await page.getByRole("textbox", { name: "Password" }).fill("fixture-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#signin-error")).toContainText("single sign-on");

  const admin = await browser.newContext();
  try {
    const adminPage = await admin.newPage();
    await gotoReady(adminPage, "/signin");
    await adminPage.getByRole("textbox", { name: "Email" }).fill(tenant.admin.email);
    await adminPage.getByRole("textbox", { name: "Password" }).fill("fixture-password-1");
    await adminPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await adminPage.waitForURL(/\/settings\/api-tokens/);
    await gotoReady(adminPage, "/settings/single-sign-on");
    await expect(adminPage.getByRole("region", { name: "Break-glass sign-ins" })).toContainText(tenant.admin.email);
    await expect(adminPage.getByRole("checkbox", { name: "Require single sign-on" })).toBeChecked();
  } finally {
    await admin.close();
  }

  // The reader still gets in through the provider.
  provider.account("reader-sso", { email: tenant.reader.email, groups: ["keyport-readers"] });
  await signInThroughProvider(page, tenant.reader.email, "reader-sso");
  await page.waitForURL(/\/settings\/api-tokens/);
});

test("the Single sign-on page and the sign-in page pass axe at desktop and phone sizes, and the form fits a phone", async ({ page, context, tenant }) => {
  await configure(tenant, { requireSso: true });
  await signInContext(context, tenant.admin.email);
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await gotoReady(page, "/settings/single-sign-on");
    await expect(page.getByRole("textbox", { name: "Issuer URL" })).toHaveValue(provider.issuer);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing runs off the side of a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (size === PHONE) await page.screenshot({ path: test.info().outputPath("single-sign-on-phone.png"), fullPage: true });
  }
  await context.clearCookies();
  await gotoReady(page, "/signin?error=SsoNoAccess");
  expect(await axeViolations(page)).toEqual([]);
});

test("a session made by single sign-on ends when its ID token does, even though the cookie is still fresh", async ({ page, context, tenant }) => {
  const session = (sessionEndsAt: number) =>
    ssoSessionCookie({ ...tenant.reader, tenantId: tenant.id, sessionVersion: 0, sessionEndsAt, endSessionUrl: null, next: "/" });
  const now = Math.floor(Date.now() / 1000);
  const live = await session(now + 600);
  await context.addCookies([{ name: live.name, value: live.value, url: `http://localhost:${PORT}` }]);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  const ended = await session(now - 1);
  await context.addCookies([{ name: ended.name, value: ended.value, url: `http://localhost:${PORT}` }]);
  await page.goto("/settings/api-tokens");
  await page.waitForURL(/\/signin\?/);
  await expect(page.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();
});

test("two tenants cannot claim one email domain: the second admin is told in words at the field, and nothing is saved", async ({ page, context, tenant }) => {
  const first = await createFreshTenant();
  await configure(first);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/single-sign-on");
  await page.getByRole("textbox", { name: "Issuer URL" }).fill(provider.issuer);
  await page.getByRole("textbox", { name: "Client ID" }).fill(provider.clientId);
  await page.getByLabel("Client secret").fill(provider.clientSecret);
  await page.getByRole("textbox", { name: "Email domains" }).fill(`${domainOf(tenant)}, ${domainOf(first)}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already used by another tenant" })).toContainText(domainOf(first));
  await expect(page.getByRole("textbox", { name: "Email domains" })).toHaveAttribute("aria-invalid", "true");
  // Nothing was saved: after a reload the page is still empty, and the first tenant keeps its domain.
  await gotoReady(page, "/settings/single-sign-on");
  await expect(page.getByRole("textbox", { name: "Issuer URL" })).toHaveValue("");
});
