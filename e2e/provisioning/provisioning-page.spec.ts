// Settings › Provisioning: an admin connects the identity provider. They copy the Tenant URL, generate
// the secret token (shown once), the provisioning client uses it, and generating again refuses the
// old one at once. Only full admins see the page.
import { axeViolations } from "../support/axe";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { PHONE, expectNoSidewaysScroll } from "../ui/ui-support";
import { LIST, scimClient } from "./scim-support";

test("an admin generates the secret token, a SCIM client uses it, and generating again refuses the old one", async ({ browser, request, tenant }) => {
  const context = await browser.newContext();
  await signInContext(context, tenant.admin.email);
  const page = await context.newPage();
  await gotoReady(page, "/settings/users");
  await page.getByRole("link", { name: "Provisioning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Provisioning" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();

  const tenantUrl = page.getByRole("textbox", { name: "Tenant URL" });
  await expect(tenantUrl).toHaveAttribute("readonly", "");
  const base = await tenantUrl.inputValue();
  expect(base).toMatch(/^http:\/\/localhost:\d+\/scim\/v2$/);
  await expect(page.getByText("No secret token yet")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Secret Token" })).toHaveCount(0);

  await page.getByRole("button", { name: "Generate secret token" }).click();
  const secret = page.getByRole("textbox", { name: "Secret Token" });
  await expect(secret).toBeFocused();
  await expect(secret).toHaveAttribute("readonly", "");
  const first = await secret.inputValue();
  expect(first).toMatch(/^kpscim_/);
  await expect(page.getByTestId("toasts")).toContainText("Secret token generated.");
  expect(await axeViolations(page)).toEqual([]);

  // What the identity provider does with the two values: its connection test.
  const path = new URL(base).pathname;
  const connection = await request.get(`${path}/Users?startIndex=1&count=2`, { headers: { authorization: `Bearer ${first}` } });
  expect(connection.status()).toBe(200);
  expect(await connection.json()).toMatchObject({ schemas: [LIST], totalResults: 3 });

  await page.getByRole("button", { name: "Generate secret token" }).click();
  await expect(secret).not.toHaveValue(first);
  const second = await secret.inputValue();
  await expect(page.getByTestId("toasts")).toContainText("the previous one no longer works");
  expect((await scimClient(request, first).get("/Users")).status).toBe(401);
  expect((await scimClient(request, second).get("/Users")).status).toBe(200);

  // Shown once: after a reload only the fact that a token exists remains.
  await gotoReady(page, "/settings/provisioning");
  await expect(page.getByRole("textbox", { name: "Secret Token" })).toHaveCount(0);
  await expect(page.getByText("A secret token was generated")).toBeVisible();
  await context.close();
});

test("on a phone the values fit the screen", async ({ browser, tenant }) => {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await signInContext(context, tenant.admin.email);
  const page = await context.newPage();
  await gotoReady(page, "/settings/provisioning");
  await page.getByRole("button", { name: "Generate secret token" }).click();
  await expect(page.getByRole("textbox", { name: "Secret Token" })).toBeInViewport();
  await expectNoSidewaysScroll(page, "the provisioning page");
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

test("only full admins may open the page or generate a token", async ({ browser, tenant }) => {
  const context = await browser.newContext();
  await signInContext(context, tenant.operator.email);
  const page = await context.newPage();
  const response = await page.goto("/settings/provisioning");
  expect(response?.status()).toBe(403);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("link", { name: "Provisioning" })).toHaveCount(0);
  await context.close();
});
