// The tenant's token lifetime policy: set by full admins on /settings/token-policy (audited), longer
// choices leave the generate dialog and a forged request for one is refused, tokens made before are
// listed with their expiry, and rotating one brings it under the policy.
import type { Page } from "@playwright/test";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createIntegration } from "@/lib/integrations/integrations";
import { latestAuditEvent } from "../support/e2e-data";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, tenantPolicy, tokenRow } from "./support";

const DAY = 24 * 3600 * 1000;

async function setPolicy(page: Page, choice: string) {
  await gotoReady(page, "/settings/token-policy");
  await page.getByRole("combobox", { name: "Maximum lifetime" }).selectOption(choice);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Token policy saved");
}

test("an admin caps token lifetimes at 90 days: the dialog offers nothing longer, older tokens are listed and a rotation brings one under the policy", async ({ page, context, tenant }) => {
  const forever = await createApiToken(actorOf(tenant, tenant.operator), { name: "Forever integration", expiration: { kind: "never" } });
  const yearly = await createApiToken(actorOf(tenant, tenant.admin), { name: "Yearly report", expiration: { kind: "days", days: 365 } });
  await createApiToken(actorOf(tenant, tenant.admin), { name: "Monthly report", expiration: { kind: "days", days: 30 } });
  const agent = await createIntegration(actorOf(tenant, tenant.admin), "SIEM_AGENT", { name: "Forever agent", expiration: { kind: "never" } });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Token policy" }).click();
  await expect(page).toHaveURL(/\/settings\/token-policy$/);
  const maximum = page.getByRole("combobox", { name: "Maximum lifetime" });
  await expect(maximum.locator("option")).toHaveText(["No maximum", "30 days", "90 days", "1 year"]);
  await expect(maximum.locator("option:checked")).toHaveText("No maximum");

  await maximum.selectOption("90 days");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Token policy saved: tokens live at most 90 days.");
  expect(await tenantPolicy(tenant.id)).toEqual({ maxTokenLifetimeDays: 90 });
  const audit = await latestAuditEvent(tenant.id, "tokenPolicy.changed");
  expect(JSON.parse(audit!.details)).toEqual({ maximumLifetime: { from: "No maximum", to: "90 days" } });
  expect(audit!.actorUserId).toBe(tenant.admin.id);

  // Tokens made before the policy, with their expiry.
  const older = page.getByRole("table", { name: "Tokens that outlive the policy" });
  await expect(older.locator("tbody tr")).toHaveCount(3);
  await expect(older.getByRole("row").filter({ hasText: "Forever integration" })).toContainText("Never");
  await expect(older.getByRole("row").filter({ hasText: "Forever agent" })).toContainText("SIEM agent");
  await expect(older.getByRole("row").filter({ hasText: "Yearly report" })).toContainText("in 1 year");
  await expect(older).not.toContainText("Monthly report");

  // Rotating one gives it the maximum and takes it off the list.
  await older.getByRole("button", { name: "Rotate Forever integration" }).click();
  const rotate = page.getByRole("dialog", { name: 'Rotate "Forever integration"' });
  await expect(rotate).toContainText("gets a fresh lifetime of 90 days");
  await rotate.getByRole("button", { name: "Rotate" }).click();
  const shown = page.getByRole("dialog", { name: 'New value for "Forever integration"' });
  await expect(shown).toContainText("shortened to your organization's maximum");
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(older.locator("tbody tr")).toHaveCount(2);
  const rotated = await tokenRow(tenant.id, forever.token.id);
  expect(rotated.lifetimeSeconds).toBe(90 * 86_400);
  expect(Math.abs(rotated.expiresAt!.getTime() - (Date.now() + 90 * DAY))).toBeLessThan(60_000);
  expect((await tokenRow(tenant.id, yearly.token.id)).lifetimeSeconds).toBe(365 * 86_400);
  expect(agent.expiresAt).toBeNull();

  // The generate dialog offers only what the policy allows.
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  const expiration = dialog.getByRole("combobox", { name: "Expiration" });
  await expect(expiration.locator("option")).toHaveText(["7 days", "30 days", "60 days", "90 days", "Custom date…"]);
  await expect(expiration.locator("option:checked")).toHaveText("30 days");
  await expect(dialog).toContainText("Your organization allows tokens of at most 90 days.");
  await expiration.selectOption("Custom date…");
  const max = await dialog.getByLabel("Expiration date").getAttribute("max");
  expect(new Date(`${max}T00:00:00Z`).getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY);
  expect(new Date(`${max}T00:00:00Z`).getTime()).toBeGreaterThan(Date.now() + 87 * DAY);
});

test("a forged request for a token beyond the policy is refused, and nothing is made", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await setPolicy(page, "30 days");
  await gotoReady(page, "/settings/api-tokens");
  let forged = false;
  await page.route("**/settings/api-tokens**", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes('"kind":"days"')) {
      forged = true;
      await route.continue({ postData: body.replace(/"expiration":\{[^}]*\}/, '"expiration":{"kind":"never"}') });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Sneaky forever");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("Your organization's token policy allows a lifetime of at most 30 days. Choose a shorter expiration.")).toBeVisible();
  expect(forged).toBe(true);
  await expect(page.getByRole("dialog", { name: "Your new API token" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
});

test("only full admins see and open the token policy", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Token policy" })).toHaveCount(0);
  const response = await page.goto("/settings/token-policy");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("combobox", { name: "Maximum lifetime" })).toHaveCount(0);
});
