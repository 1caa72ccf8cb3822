// Narrowed scopes: one checkbox per scope of the issuer's role, all ticked by default; a token holds at
// each request its issuer's role then ∩ the ticked scopes; whoami and the table say which.
import { createApiToken } from "@/lib/tokens/create-api-token";
import { setUserRole } from "@/lib/users/manage-users";
import { resourceIdsOf } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, tokenByName } from "./support";

const ALL_SCOPES = ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage", "Settings.read", "Settings.manage"];

async function closeOneAlert(tenantId: string, token: string) {
  const { openAlertIds } = await resourceIdsOf(tenantId);
  return callApi("/api/v1/alerts/close_benign/", { token, body: { filters: { id: { eq: [openAlertIds[0]] } }, comment: "scopes" } });
}

test("an admin makes a read-only token: it reads, never writes, and the table and whoami say so", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  for (const scope of ALL_SCOPES) await expect(dialog.getByRole("checkbox", { name: scope, exact: true })).toBeChecked();
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Read-only export");
  for (const scope of ALL_SCOPES.filter((scope) => scope !== "Investigation.read")) await dialog.getByRole("checkbox", { name: scope, exact: true }).uncheck();
  await dialog.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await shown.getByRole("button", { name: "Close" }).click();

  await expect(page.getByRole("row").filter({ hasText: "Read-only export" }).getByRole("cell").first()).toContainText("Investigation.read");
  const whoami = await callApi("/api/v1/whoami/", { token: value });
  expect(whoami.json.scopes).toEqual(["Investigation.read"]);
  expect(whoami.json.credential).toMatchObject({ type: "token", kind: "API_TOKEN", chosenScopes: ["Investigation.read"] });
  expect((await callApi("/api/v1/alerts/?limit=1", { token: value })).status).toBe(200);
  const refused = await closeOneAlert(tenant.id, value);
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("forbidden");

  // A token left with every scope follows the role, and the table says so.
  await createApiToken(actorOf(tenant, tenant.admin), { name: "Full automation" });
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Full automation" }).getByRole("cell").first()).toContainText("All of Global administrator");
});

test("a reader is offered only the reader's scopes, and must keep at least one", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByRole("checkbox")).toHaveCount(3);
  for (const scope of ["Investigation.read", "Discovery.read", "Settings.read"]) await dialog.getByRole("checkbox", { name: scope, exact: true }).uncheck();
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Nothing at all");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
});

test("a reader cannot give a token a scope beyond the role, even by forging the request", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  let forged = false;
  await page.route("**/settings/api-tokens**", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes('"scopes":[')) {
      forged = true;
      await route.continue({ postData: body.replace(/"scopes":\[[^\]]*\]/, '"scopes":["Investigation.read","Settings.manage"]') });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Escalation attempt");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("You cannot give a token Settings.manage: the Security reader role does not hold it.")).toBeVisible();
  expect(forged).toBe(true);
  await expect(tokenByName(tenant.id, "Escalation attempt")).rejects.toThrow();
});

test("a narrowed token follows its issuer's role down and back up, never beyond what was ticked", async ({ tenant }) => {
  const admin = actorOf(tenant, tenant.admin);
  const { value: token } = await createApiToken(actorOf(tenant, tenant.operator), { name: "Triage bot", scopes: ["Investigation.manage", "Settings.read"] });
  const scopes = async () => (await callApi("/api/v1/whoami/", { token })).json?.scopes;
  const blockScript = () => callApi("/api/v1/discovery/block_script/?format=plain", { token });

  expect(await scopes()).toEqual(["Investigation.manage", "Settings.read"]);
  expect((await closeOneAlert(tenant.id, token)).status).toBe(200);
  expect((await blockScript()).json.error.code).toBe("forbidden");

  // Operator → reader: the manage scope goes; only what both hold remains.
  await setUserRole(admin, tenant.operator.id, "SECURITY_READER");
  await expect.poll(scopes, { timeout: 3000 }).toEqual(["Settings.read"]);
  expect((await closeOneAlert(tenant.id, token)).json.error.code).toBe("forbidden");
  expect((await callApi("/api/v1/alerts/?limit=1", { token })).json.error.code).toBe("forbidden");
  expect((await callApi("/api/v1/subnet/", { token })).status).toBe(200);

  // Back to operator: what was ticked returns.
  await setUserRole(admin, tenant.operator.id, "SECURITY_OPERATOR");
  await expect.poll(scopes, { timeout: 3000 }).toEqual(["Investigation.manage", "Settings.read"]);
  expect((await closeOneAlert(tenant.id, token)).status).toBe(200);

  // Up to Global administrator: still never more than was ticked.
  await setUserRole(admin, tenant.operator.id, "GLOBAL_ADMIN");
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token })).json?.user?.role, { timeout: 3000 }).toBe("GLOBAL_ADMIN");
  expect(await scopes()).toEqual(["Investigation.manage", "Settings.read"]);
  expect((await blockScript()).json.error.code).toBe("forbidden");
  expect((await callApi("/api/v1/subnet/create_rule/", { token, body: { name: "x", category: 1, subnets: ["10.9.0.0/16"] } })).status).toBe(200);
});
