// Rotation with a grace period: the token keeps its row, name, scopes, ranges and lifetime, gets a new
// value shown once, and the old value works until the grace period ends, then gets 401. Ending the grace
// period is simulated by moving its end into the past (no sleeping). Nobody can rotate a token that is not
// theirs to manage by forging the request.
import type { Page } from "@playwright/test";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { tenantBySlug, userByEmail } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, auditEntries, endGracePeriod, tokenRow } from "./support";

const DAY = 24 * 3600 * 1000;

test("an operator rotates a token with a 1-hour grace period: both values work, then only the new one", async ({ page, context, tenant }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const made = await createApiToken(actorOf(tenant, tenant.operator), { name: "Splunk forwarder", expiration: { kind: "days", days: 60 }, scopes: ["Investigation.manage"], allowedIps: ["127.0.0.0/8"] });
  const before = await tokenRow(tenant.id, made.token.id);

  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Rotate Splunk forwarder" }).click();
  const dialog = page.getByRole("dialog", { name: 'Rotate "Splunk forwarder"' });
  const grace = dialog.getByRole("combobox", { name: "Grace period" });
  await expect(grace.locator("option")).toHaveText(["None", "1 hour", "24 hours", "7 days"]);
  await expect(dialog).toContainText("gets a fresh lifetime of 60 days from now");
  await grace.selectOption("1 hour");
  await dialog.getByRole("button", { name: "Rotate" }).click();

  const shown = page.getByRole("dialog", { name: 'New value for "Splunk forwarder"' });
  const tokenBox = shown.getByRole("textbox", { name: "Token", exact: true });
  await expect(tokenBox).toHaveAttribute("readonly", "");
  const value = await tokenBox.inputValue();
  expect(value).toMatch(/^kpat_/);
  expect(value).not.toBe(made.value);
  await expect(shown).toContainText("The previous value keeps working until");
  await expect(shown.getByTestId("new-token-tenant-url")).toContainText(`${tenant.slug}.localhost`);
  await shown.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await shown.getByRole("button", { name: "Close" }).click();

  // One row, same name, marked as rotated.
  const rows = page.getByRole("row").filter({ hasText: "Splunk forwarder" });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole("cell").nth(5)).toContainText("rotated, previous value valid until");
  const after = await tokenRow(tenant.id, made.token.id);
  expect(after).toMatchObject({ id: before.id, name: before.name, scopesJson: before.scopesJson, allowedIpsJson: before.allowedIpsJson, lifetimeSeconds: before.lifetimeSeconds });
  expect(Math.abs(after.expiresAt!.getTime() - (Date.now() + 60 * DAY))).toBeLessThan(60_000);
  expect(Math.abs(after.previousValidUntil!.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);

  // During the grace period both values work, with the token's narrowed scopes.
  const old = await callApi("/api/v1/whoami/", { token: made.value });
  expect(old.status).toBe(200);
  expect(old.json.scopes).toEqual(["Investigation.manage"]);
  expect((await callApi("/api/v1/whoami/", { token: value })).status).toBe(200);

  // The grace period ends: the old value is refused, the new one keeps working.
  await endGracePeriod(tenant.id, made.token.id);
  expect((await callApi("/api/v1/whoami/", { token: made.value })).status).toBe(401);
  const refused = await callApi("/api/v1/alerts/?limit=1", { token: made.value });
  expect(refused.json.error).toMatchObject({ code: "unauthorized", message: expect.stringContaining("replaced by a rotation") });
  expect((await callApi("/api/v1/alerts/?limit=1", { token: value })).status).toBe(200);

  const audit = (await auditEntries(tenant.id, made.token.id)).find((entry) => entry.action === "token.rotated");
  expect(audit?.actorUserId).toBe(tenant.operator.id);
  expect(JSON.parse(audit!.details)).toMatchObject({ name: "Splunk forwarder", gracePeriodSeconds: 3600 });
});

test("without a grace period the old value is refused at once", async ({ tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.reader), { name: "Immediate" });
  expect((await callApi("/api/v1/whoami/", { token: made.value })).status).toBe(200);
  const rotated = await rotateApiToken(actorOf(tenant, tenant.reader), made.token.id, { graceSeconds: 0 });
  // The rotation ran in this process; the server holds a looked-up token at most a second.
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: made.value })).status, { timeout: 3000 }).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: rotated.value })).status).toBe(200);
});

/** Clicks Rotate on the actor's own token, but the server action request names the victim's id. */
async function rotateWithSubstitutedId(page: Page, ownName: string, ownId: string, victimId: string) {
  let substituted = false;
  await page.route("**/settings/api-tokens**", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes(ownId)) {
      substituted = true;
      await route.continue({ postData: body.replaceAll(ownId, victimId) });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: `Rotate ${ownName}` }).click();
  await page.getByRole("dialog", { name: `Rotate "${ownName}"` }).getByRole("button", { name: "Rotate" }).click();
  await expect(page.getByTestId("toasts")).toContainText("That token does not exist, or you may not rotate it.");
  expect(substituted).toBe(true);
}

test("a reader cannot rotate another user's token by forging the request", async ({ page, context, tenant }) => {
  const victim = await createApiToken(actorOf(tenant, tenant.admin), { name: "Admin's pipeline" });
  const own = await createApiToken(actorOf(tenant, tenant.reader), { name: "Reader's script" });
  const victimBefore = await tokenRow(tenant.id, victim.token.id);
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("button", { name: "Rotate Admin's pipeline" })).toHaveCount(0);
  await rotateWithSubstitutedId(page, "Reader's script", own.token.id, victim.token.id);
  expect((await tokenRow(tenant.id, victim.token.id)).digest).toBe(victimBefore.digest);
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: own.value })).status).toBe(200);
});

test("a contoso admin cannot rotate a fabrikam token by forging the request", async ({ page, context }) => {
  const fabrikam = await tenantBySlug("fabrikam");
  const contoso = await tenantBySlug("contoso");
  const fabrikamAdmin = await userByEmail("admin@fabrikam.test");
  const contosoAdmin = await userByEmail("admin@contoso.test");
  const victim = await createApiToken({ tenantId: fabrikam.id, userId: fabrikamAdmin.id, label: fabrikamAdmin.email, role: "GLOBAL_ADMIN" }, { name: `Fabrikam export ${Date.now()}` });
  const ownName = `Contoso rotation decoy ${Date.now()}`;
  const own = await createApiToken({ tenantId: contoso.id, userId: contosoAdmin.id, label: contosoAdmin.email, role: "GLOBAL_ADMIN" }, { name: ownName });
  const victimBefore = await tokenRow(fabrikam.id, victim.token.id);

  await signInContext(context, "admin@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("searchbox", { name: "Search by name" }).fill(ownName);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("button", { name: `Rotate ${ownName}` })).toBeVisible();
  await rotateWithSubstitutedId(page, ownName, own.token.id, victim.token.id);
  expect((await tokenRow(fabrikam.id, victim.token.id)).digest).toBe(victimBefore.digest);
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
});
