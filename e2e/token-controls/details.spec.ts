// A token's details: clicking its name shows what it may do now and why (role ∩ chosen), its issuer
// and role, when it was generated and expires, its last use (time, client IP, user agent), its allowed
// ranges, its rotations and its audit entries. Only its owner or a full admin of the tenant can open it.
import { SCOPE_DESCRIPTIONS } from "@/lib/permissions";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { setUserRole } from "@/lib/users/manage-users";
import { callApi } from "../support/api-client";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf } from "./support";

test("an admin opens a narrowed operator token that lost a scope with a role change, and reads why", async ({ page, context, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.operator), {
    name: "Case sync",
    expiration: { kind: "days", days: 90 },
    scopes: ["Investigation.manage", "Settings.read"],
    allowedIps: ["127.0.0.1", "2001:db8::/32"],
  });
  expect((await callApi("/api/v1/whoami/", { token: made.value })).status).toBe(200);
  await rotateApiToken(actorOf(tenant, tenant.operator), made.token.id, { graceSeconds: 86_400 });
  await setUserRole(actorOf(tenant, tenant.admin), tenant.operator.id, "SECURITY_READER");

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("link", { name: "Case sync" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/api-tokens/${made.token.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Case sync" })).toBeVisible();

  const scopes = page.getByRole("region", { name: "What it may do now" });
  // Each effective scope with what it allows, in the generate dialog's words.
  await expect(scopes.getByTestId("effective-scopes").getByRole("listitem")).toHaveCount(1);
  await expect(scopes.getByTestId("effective-scopes").getByRole("listitem")).toHaveText(`Settings.read${SCOPE_DESCRIPTIONS["Settings.read"]}`);
  await expect(scopes).toContainText("Role now: Security reader");
  await expect(scopes).toContainText("Investigation.read");
  await expect(scopes.getByText("Chosen when made")).toBeVisible();
  await expect(scopes).toContainText("Chosen, not held by the role now");
  await expect(scopes).toContainText("Investigation.manage");

  const facts = page.getByRole("region", { name: "Details" });
  await expect(facts).toContainText(`${tenant.operator.name} (${tenant.operator.email}), Security reader`);
  await expect(facts).toContainText("Lifetime: 90 days");
  await expect(facts).toContainText("From 127.0.0.1");
  await expect(facts).toContainText("User agent: keyport-e2e-script/1.0");
  await expect(facts).toContainText("127.0.0.1/32");
  await expect(facts).toContainText("2001:db8::/32");
  await expect(facts).toContainText("the previous value is valid until");

  const rotations = page.getByRole("table", { name: "Rotation history" });
  await expect(rotations.locator("tbody tr")).toHaveCount(1);
  await expect(rotations).toContainText("24 hours");
  await expect(rotations).toContainText(tenant.operator.email);
  const audit = page.getByRole("table", { name: "Audit entries" });
  await expect(audit.locator("tbody tr")).toHaveCount(2);
  await expect(audit.locator("tbody tr").nth(0)).toContainText("Rotated");
  await expect(audit.locator("tbody tr").nth(1)).toContainText("Generated");

  // Back to the list by the breadcrumb.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
});

test("the owner rotates and revokes from the details page; nobody else can open it", async ({ page, context, browser, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.reader), { name: "Reader dashboard" });
  const others = await createApiToken(actorOf(tenant, tenant.operator), { name: "Operator's own" });

  await signInContext(context, tenant.reader.email);
  const notMine = await page.goto(`/settings/api-tokens/${others.token.id}`);
  expect(notMine?.status()).toBe(404);
  await expect(page.getByText("Operator's own")).toHaveCount(0);

  await gotoReady(page, `/settings/api-tokens/${made.token.id}`);
  await expect(page.getByRole("region", { name: "What it may do now" }).getByText("All of the role (it follows the role)")).toBeVisible();
  await page.getByRole("button", { name: "Rotate Reader dashboard" }).click();
  await page.getByRole("dialog", { name: 'Rotate "Reader dashboard"' }).getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("dialog", { name: 'New value for "Reader dashboard"' }).getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("table", { name: "Rotation history" }).locator("tbody tr")).toHaveCount(1);

  await page.getByRole("button", { name: "Revoke Reader dashboard" }).click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await expect(page.getByText("No API tokens yet.")).toBeVisible();

  // Another tenant's admin gets the 404 page too.
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signInContext(otherContext, "admin@fabrikam.test", DEMO_PASSWORD);
  expect((await otherPage.goto(`/settings/api-tokens/${others.token.id}`))?.status()).toBe(404);
  await otherContext.close();
});
