// Scope descriptions say everything a scope allows: the generate dialog describes each scope checkbox
// with the permission map's own words (Settings.manage manages API tokens, Settings.read lists them), the
// token's details page describes its effective scopes in the same words, and the API does what the words
// say: an admin's Settings.read token lists every token of the tenant with owners and last-used IPs,
// while one without a settings scope lists only its own user's.
import { SCOPE_DESCRIPTIONS, SCOPES } from "@/lib/permissions";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { tokenOf } from "../tokens-api/support";

test("each scope checkbox is described by what it allows, and the details page says the same", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  for (const scope of SCOPES) {
    await expect(dialog.getByRole("checkbox", { name: scope, exact: true })).toHaveAccessibleDescription(SCOPE_DESCRIPTIONS[scope]);
  }
  await expect(dialog.getByRole("checkbox", { name: "Settings.manage", exact: true })).toHaveAccessibleDescription(/manage API tokens.*revoke or rotate any API token of the tenant/);
  await expect(dialog.getByRole("checkbox", { name: "Settings.read", exact: true })).toHaveAccessibleDescription(/list API tokens with their owners and last-used IP addresses/);

  // A token narrowed to the two settings scopes: its page describes each in the dialog's words.
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Settings only");
  for (const scope of SCOPES.filter((scope) => !scope.startsWith("Settings."))) await dialog.getByRole("checkbox", { name: scope, exact: true }).uncheck();
  await dialog.getByRole("button", { name: "Next" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("link", { name: "Settings only" }).click();
  const effective = page.getByTestId("effective-scopes").getByRole("listitem");
  await expect(effective).toHaveText([`Settings.read${SCOPE_DESCRIPTIONS["Settings.read"]}`, `Settings.manage${SCOPE_DESCRIPTIONS["Settings.manage"]}`]);
});

test("Settings.read on an admin's token lists every token with owners and last-used IPs; another scope lists only its own", async ({ tenant }) => {
  const operators = await tokenOf(tenant, tenant.operator, "Operator's job");
  expect((await callApi("/api/v1/whoami/", { token: operators.value })).status).toBe(200);
  const reading = await tokenOf(tenant, tenant.admin, "Admin settings reader", { scopes: ["Settings.read"] });
  const investigating = await tokenOf(tenant, tenant.admin, "Admin investigator", { scopes: ["Investigation.read"] });

  const all = await callApi("/api/v1/tokens/?limit=100", { token: reading.value });
  expect(all.status).toBe(200);
  const listed = all.json.data.find((token: { id: string }) => token.id === operators.token.id);
  expect(listed).toMatchObject({ createdBy: { email: tenant.operator.email } });
  await expect.poll(async () => (await callApi("/api/v1/tokens/?limit=100", { token: reading.value })).json.data.find((token: { id: string }) => token.id === operators.token.id)?.lastUsedIp).toMatch(/127\.0\.0\.1|::1/);

  const own = await callApi("/api/v1/tokens/?limit=100", { token: investigating.value });
  expect(own.status).toBe(200);
  expect(own.json.data.map((token: { createdBy: { email: string } }) => token.createdBy.email)).toEqual(own.json.data.map(() => tenant.admin.email));
  expect(own.json.data.some((token: { id: string }) => token.id === operators.token.id)).toBe(false);
});
