// Safer defaults: a new tenant allows tokens of at most 1 year, so "No expiration" is offered only once an
// admin allows it; a rotation keeps the old value working for 1 hour unless told otherwise, and can set
// a new expiry; an expired token and a leaked one offer "Generate a replacement" with the same settings;
// a token can say what it is for; a name already in use is pointed out, not refused.
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callApi } from "../support/api-client";
import { createFreshTenant, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, setTokenExpiry, tokenRow } from "../token-controls/support";
import { axeViolations } from "../support/axe";

const DAY = 24 * 3600 * 1000;

test("a new tenant offers no token without an expiry until an admin allows it", async ({ page, context }) => {
  const tenant = await createFreshTenant({ newTenantPolicy: true });
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/token-policy");
  await expect(page.getByRole("combobox", { name: "Maximum lifetime" }).locator("option:checked")).toHaveText("1 year");

  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const expiration = page.getByRole("dialog").getByRole("combobox", { name: "Expiration" });
  await expect(expiration.locator("option")).toHaveText(["7 days", "30 days", "60 days", "90 days", "1 year", "Custom date…"]);
  await expect(expiration.locator("option:checked")).toHaveText("30 days");
  await expect(page.getByRole("dialog")).toContainText("Your organization allows tokens of at most 1 year.");
  await page.keyboard.press("Escape");

  await gotoReady(page, "/settings/token-policy");
  await page.getByRole("combobox", { name: "Maximum lifetime" }).selectOption("No maximum");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Token policy saved: no maximum lifetime.");
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await expect(page.getByRole("dialog").getByRole("combobox", { name: "Expiration" }).locator("option", { hasText: /^No expiration$/ })).toHaveCount(1);
});

test("a rotation keeps the old value for 1 hour by default and can set a new expiry", async ({ page, context, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.operator), { name: "Weekly sync", expiration: { kind: "days", days: 7 } });
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Rotate Weekly sync" }).click();
  const dialog = page.getByRole("dialog", { name: 'Rotate "Weekly sync"' });
  await expect(dialog.getByRole("combobox", { name: "Grace period" }).locator("option:checked")).toHaveText("1 hour");
  const expiry = dialog.getByRole("combobox", { name: "New expiry" });
  await expect(expiry.locator("option:checked")).toHaveText("Same lifetime (7 days)");
  await expiry.selectOption("90 days");
  await dialog.getByRole("button", { name: "Rotate" }).click();
  const shown = page.getByRole("dialog", { name: 'New value for "Weekly sync"' });
  await expect(shown).toContainText("The previous value keeps working until");
  await shown.getByRole("button", { name: "Close", exact: true }).click();

  const row = await tokenRow(tenant.id, made.token.id);
  expect(Math.abs(row.expiresAt!.getTime() - (Date.now() + 90 * DAY))).toBeLessThan(5 * 60_000);
  expect(Math.abs(row.previousValidUntil!.getTime() - (Date.now() + 3600_000))).toBeLessThan(5 * 60_000);
  await expect(page.getByRole("row").filter({ hasText: "Weekly sync" }).getByRole("cell").nth(4)).toContainText(/in (89|90) days/);
});

test("a token says what it is for, and a second one of the same name is pointed out but made", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  for (const round of [1, 2]) {
    await page.getByRole("button", { name: "Generate new token" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate new token" });
    await dialog.getByRole("textbox", { name: "Token name" }).fill("Nightly export");
    await dialog.getByRole("textbox", { name: "Description" }).fill(`The SIEM's nightly pull, copy ${round}`);
    const warning = dialog.getByText(/You already have a token named .Nightly export.\. You can keep the name/);
    if (round === 1) await expect(warning).toHaveCount(0);
    else await expect(warning).toBeVisible();
    await dialog.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("textbox", { name: "Token", exact: true })).toHaveAttribute("readonly", "");
    await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).click();
  }
  await expect(page.getByRole("row").filter({ hasText: "Nightly export" })).toHaveCount(2);
  await page.getByRole("link", { name: "Nightly export" }).first().click();
  await expect(page.getByTestId("token-description")).toHaveText(/The SIEM's nightly pull, copy [12]/);
});

test("an expired token offers a replacement with the same settings", async ({ page, context, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.operator), {
    name: "Splunk forwarder",
    description: "Forwards alerts to Splunk",
    expiration: { kind: "days", days: 90 },
    scopes: ["Investigation.manage"],
    allowedIps: ["203.0.113.0/24"],
  });
  await setTokenExpiry(tenant.id, made.token.id, new Date(Date.now() - DAY));
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("link", { name: "Generate a replacement for Splunk forwarder" }).click();

  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByTestId("replacement-note")).toContainText("Splunk forwarder");
  await expect(dialog.getByRole("textbox", { name: "Token name" })).toHaveValue("Splunk forwarder");
  await expect(dialog.getByRole("textbox", { name: "Description" })).toHaveValue("Forwards alerts to Splunk");
  await expect(dialog.getByRole("combobox", { name: "Expiration" }).locator("option:checked")).toHaveText("90 days");
  await expect(dialog.getByRole("checkbox", { name: "Investigation.manage", exact: true })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Discovery.manage", exact: true })).not.toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Settings.read", exact: true })).not.toBeChecked();
  await expect(dialog.getByRole("textbox", { name: "Allowed IP ranges" })).toHaveValue("203.0.113.0/24");
  // The expired one does not count as a name in use.
  await expect(dialog.getByText("You already have a token named", { exact: false })).toHaveCount(0);
  expect((await axeViolations(page, "dialog[open]")).map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("replacement-dialog.png") });
  await dialog.getByRole("button", { name: "Next" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).click();
  await expect(page).not.toHaveURL(/replace=/);

  const rows = page.getByRole("row").filter({ hasText: "Splunk forwarder" });
  await expect(rows).toHaveCount(2);
  const replacement = (await callApi("/api/v1/tokens/?limit=100", { token: (await createApiToken(actorOf(tenant, tenant.operator), { name: "lister" })).value })).json.data.find(
    (token: { id: string; name: string }) => token.name === "Splunk forwarder" && token.id !== made.token.id,
  );
  expect(replacement).toMatchObject({ description: "Forwards alerts to Splunk", scopes: ["Investigation.manage"], allowedIps: ["203.0.113.0/24"], status: "generated" });
  expect(Math.abs(replacement.expiresAt - (Date.now() + 90 * DAY))).toBeLessThan(5 * 60_000);
});

test("a token reported leaked offers a replacement from the notice, to its owner only", async ({ page, context, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.reader), { name: "Leaky script", description: "Runs on the build box", scopes: ["Investigation.read"] });
  expect((await callApi("/api/v1/credentials/revoke", { body: { credentials: [made.value] } })).status).toBe(202);

  // Another person cannot use the owner's token as a template.
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/settings/api-tokens?replace=${made.token.id}`);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await context.clearCookies();

  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  const notice = page.getByTestId("leak-notice");
  await expect(notice).toContainText("Leaky script");
  await notice.getByRole("link", { name: "Generate a replacement for Leaky script" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByRole("textbox", { name: "Token name" })).toHaveValue("Leaky script");
  await expect(dialog.getByRole("textbox", { name: "Description" })).toHaveValue("Runs on the build box");
  await expect(dialog.getByRole("checkbox", { name: "Investigation.read", exact: true })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Discovery.read", exact: true })).not.toBeChecked();
});
