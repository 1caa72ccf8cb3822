// Expiry: the generate dialog's Expiration, the Expires column, the Expired status and filter, the
// expiring-this-week marks and notice, and the API's 401 for an expired token.
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, setTokenExpiry, tokenByName } from "./support";

const DAY = 24 * 3600 * 1000;

test("a reader generates a 7-day token: 30 days is the default, the table says when it expires and that it expires this week", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByText(/of your tokens expires? this week/)).toHaveCount(0);

  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  const expiration = dialog.getByRole("combobox", { name: "Expiration" });
  await expect(expiration.locator("option:checked")).toHaveText("30 days");
  await expect(expiration.locator("option")).toHaveText(["7 days", "30 days", "60 days", "90 days", "1 year", "Custom date…", "No expiration"]);
  await expect(dialog.getByText(/The token expires on/)).toBeVisible();

  await dialog.getByRole("textbox", { name: "Token name" }).fill("Weekly export");
  await expiration.selectOption("7 days");
  await dialog.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await shown.getByRole("button", { name: "Close" }).click();

  const row = page.getByRole("row").filter({ hasText: "Weekly export" });
  const expires = row.getByRole("cell").nth(4);
  await expect(expires).toContainText("in 7 days");
  await expect(expires).toContainText("Expires this week");
  // The exact time is on hover, and reachable by keyboard.
  await expect(expires.locator("time")).toHaveAttribute("title", /\d{4}/);
  await expect(expires.locator("time")).toHaveAttribute("tabindex", "0");
  await expect(page.getByText("1 of your tokens expires this week.")).toBeVisible();

  const stored = await tokenByName(tenant.id, "Weekly export");
  expect(Math.abs(stored.expiresAt!.getTime() - (stored.createdAt.getTime() + 7 * DAY))).toBeLessThan(1000);
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(200);
});

test("the notice counts the viewer's own tokens; a token with no expiration says Never", async ({ page, context, tenant }) => {
  const admin = actorOf(tenant, tenant.admin);
  await createApiToken(admin, { name: "Soon one", expiration: { kind: "days", days: 3 } });
  await createApiToken(admin, { name: "Soon two", expiration: { kind: "days", days: 7 } });
  await createApiToken(admin, { name: "Quarterly", expiration: { kind: "days", days: 90 } });
  await createApiToken(actorOf(tenant, tenant.operator), { name: "Operator soon", expiration: { kind: "days", days: 2 } });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByText("2 of your tokens expire this week.")).toBeVisible();
  // The admin sees the operator's token marked too, but it is not theirs to count.
  for (const name of ["Soon one", "Soon two", "Operator soon"]) await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Expires this week");
  await expect(page.getByRole("row").filter({ hasText: "Quarterly" })).not.toContainText("Expires this week");

  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Forever script");
  await dialog.getByRole("combobox", { name: "Expiration" }).selectOption("No expiration");
  await expect(dialog.getByText(/never expires/)).toBeVisible();
  await dialog.getByRole("button", { name: "Next" }).click();
  await page.getByRole("dialog", { name: "Your new API token" }).getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Forever script" }).getByRole("cell").nth(4)).toHaveText("Never");
});

test("a custom date: the token works through the end of that day in the browser's time zone", async ({ browser, tenant }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Audit until the 20th");
  await dialog.getByRole("combobox", { name: "Expiration" }).selectOption("Custom date…");
  const date = dialog.getByLabel("Expiration date");
  const day = new Date(Date.now() + 20 * DAY).toLocaleDateString("en-CA", { timeZone: "Asia/Tokyo" });
  await date.fill(day);
  await expect(dialog.getByText(/The token expires on/)).toBeVisible();
  await dialog.getByRole("button", { name: "Next" }).click();
  await page.getByRole("dialog", { name: "Your new API token" }).getByRole("button", { name: "Close" }).click();

  const stored = await tokenByName(tenant.id, "Audit until the 20th");
  // 23:59:59.999 in Tokyo (UTC+9, no daylight saving) is 14:59:59.999 UTC.
  expect(stored.expiresAt!.toISOString()).toBe(`${day}T14:59:59.999Z`);
  await expect(page.getByRole("row").filter({ hasText: "Audit until the 20th" }).getByRole("cell").nth(4)).toContainText(/in (20|21) days/);
  await context.close();
});

test("an expired token is Expired in the table and under its filter, and the API answers 401 saying it expired", async ({ page, context, tenant }) => {
  const operator = actorOf(tenant, tenant.operator);
  const expired = await createApiToken(operator, { name: "Old pipeline" });
  const live = await createApiToken(operator, { name: "Live pipeline" });
  expect((await callApi("/api/v1/alerts/?limit=1", { token: expired.value })).status).toBe(200);

  await setTokenExpiry(tenant.id, expired.token.id, new Date(Date.now() - 2 * DAY));
  // The server may hold the token for at most a second after the change.
  expect((await callApi("/api/v1/alerts/?limit=1", { token: expired.value })).status).toBe(401);
  const refused = await callApi("/api/v1/whoami/", { token: expired.value });
  expect(refused.json.error.code).toBe("unauthorized");
  expect(refused.json.error.message).toMatch(/^The token expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/);
  expect(refused.headers["www-authenticate"]).toBeTruthy();
  expect((await callApi("/api/v1/whoami/", { token: live.value })).status).toBe(200);

  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  const status = page.getByRole("combobox", { name: "Status" });
  await expect(status.locator("option")).toHaveText(["All", "Generated", "Active", "Inactive", "Expired"]);
  const oldRow = page.getByRole("row").filter({ hasText: "Old pipeline" });
  await expect(oldRow.getByRole("cell").nth(5)).toHaveText("Expired");
  await expect(oldRow.getByRole("cell").nth(4)).toContainText("2 days ago");

  await status.selectOption("Expired");
  await expect(page).toHaveURL(/status=Expired/);
  const names = page.getByRole("table", { name: "API tokens" }).locator("tbody tr td:first-child .font-medium");
  await expect(names).toHaveText(["Old pipeline"]);
  await status.selectOption("Active");
  await expect(names).toHaveText(["Live pipeline"]);
});
