// The consent link tells another tenant's admin nothing about apps they may not consent to: a
// single-tenant app of contoso, a disabled app and a client id that exists nowhere all get the same
// page, "This app is not available to your organization", with no app or publisher name on it.
import { randomUUID } from "node:crypto";
import { setAppDisabled } from "@/lib/oauth/apps";
import { adminActor, setUpApp } from "../support/oauth";
import { createFreshTenant, expect, test } from "../support/fixtures";

test("fabrikam's admin opens the consent link of contoso's single-tenant app: not available, and no name shown, exactly as for an unknown id", async ({ page, tenant: contoso }) => {
  const fabrikam = await createFreshTenant();
  const secretApp = await setUpApp({ id: contoso.admin.id, tenantId: contoso.id }, ["Settings.manage"], { multiTenant: false });
  const disabledApp = await setUpApp({ id: contoso.admin.id, tenantId: contoso.id }, ["Investigation.read"], { multiTenant: true });
  await setAppDisabled(adminActor({ id: contoso.admin.id, tenantId: contoso.id }), disabledApp.clientId, true);

  // Fabrikam's admin follows the link and signs in on the page, as a person does.
  await page.goto(`/common/adminconsent?client_id=${secretApp.clientId}`);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(fabrikam.admin.email);
  await page.getByRole("textbox", { name: "Password" }).fill("fixture-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/common\/adminconsent\?client_id=/);

  const main = page.getByRole("main");
  const seen: string[] = [];
  for (const clientId of [secretApp.clientId, disabledApp.clientId, randomUUID(), "not-a-client-id"]) {
    await page.goto(`/common/adminconsent?client_id=${encodeURIComponent(clientId)}`);
    await expect(main.getByRole("alert").filter({ hasText: "not available" })).toHaveText("This app is not available to your organization.");
    await expect(page.getByRole("button", { name: "Accept" })).toHaveCount(0);
    const text = await page.locator("body").innerText();
    for (const secret of [secretApp.name, disabledApp.name, contoso.name, contoso.slug]) expect(text, `the page names ${secret}`).not.toContain(secret);
    seen.push(await main.innerText());
  }
  // Word for word the same page whatever the id: nothing tells an existing app from none.
  expect(new Set(seen).size).toBe(1);
});
