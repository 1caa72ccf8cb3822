// HTTP-level checks of the revoke action: the request a browser sends is rewritten to name another
// user's or another tenant's token, as an attacker would, and the server must refuse it.
import type { Page } from "@playwright/test";
import { generateToken } from "@/lib/tokens/generate-token";
import { tenantBySlug, userByEmail, findTokenRow } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";

/** Clicks Revoke on the actor's own token, but the server action request carries the victim's id. */
async function revokeWithSubstitutedId(page: Page, ownTokenName: string, ownTokenId: string, victimTokenId: string) {
  let substituted = false;
  await page.route("**/settings/api-tokens**", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes(ownTokenId)) {
      substituted = true;
      await route.continue({ postData: body.replaceAll(ownTokenId, victimTokenId) });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: `Revoke ${ownTokenName}` }).click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText("That token does not exist, or you may not revoke it.");
  expect(substituted).toBe(true);
}

test("a reader cannot revoke another user's token, even by forging the request", async ({ page, context, tenant }) => {
  const victim = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Admin's critical token" });
  const own = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Reader own token" });
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("button", { name: "Revoke Admin's critical token" })).toHaveCount(0);

  await revokeWithSubstitutedId(page, "Reader own token", own.id, victim.id);
  expect((await findTokenRow(victim.id))?.revokedAt).toBeNull();
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
  // The reader's own token was not touched either.
  expect((await findTokenRow(own.id))?.revokedAt).toBeNull();
});

test("a contoso admin cannot revoke a fabrikam token by forging the request", async ({ page, context }) => {
  const fabrikam = await tenantBySlug("fabrikam");
  const contoso = await tenantBySlug("contoso");
  const victim = await generateToken({ tenantId: fabrikam.id, userId: (await userByEmail("admin@fabrikam.test")).id, kind: "API_TOKEN", name: "Other tenant's token" });
  const ownName = `Contoso admin decoy ${Date.now()}`;
  const own = await generateToken({ tenantId: contoso.id, userId: (await userByEmail("admin@contoso.test")).id, kind: "API_TOKEN", name: ownName });

  await signInContext(context, "admin@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("searchbox", { name: "Search by name" }).fill(ownName);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${ownName}` })).toBeVisible();

  await revokeWithSubstitutedId(page, ownName, own.id, victim.id);
  expect((await findTokenRow(victim.id))?.revokedAt).toBeNull();
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
});

test("a signed-out request to the revoke action changes nothing", async ({ page, context, tenant }) => {
  const victim = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Target of a signed-out call" });
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  // The session ends (cookies cleared) while the page is open; the action must refuse.
  await context.clearCookies();
  await page.getByRole("button", { name: "Revoke Target of a signed-out call" }).click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Your session has ended. Sign in again.");
  expect((await findTokenRow(victim.id))?.revokedAt).toBeNull();
});
