// Offboarding: a full admin revokes every token of a person from the Users page (with the count,
// confirmed, audited), and anyone selects rows of the token table and revokes them together. A forged
// request naming a token that is not the person's to revoke revokes nothing.
import { createApiToken } from "@/lib/tokens/create-api-token";
import { latestAuditEvent } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, tokenRow } from "./support";

test("an admin revokes all tokens of a leaving operator from the Users page", async ({ page, context, tenant }) => {
  const operator = actorOf(tenant, tenant.operator);
  const leaving = await Promise.all(["Leaver's cron", "Leaver's notebook"].map((name) => createApiToken(operator, { name })));
  const staying = await createApiToken(actorOf(tenant, tenant.reader), { name: "Reader's report" });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await expect(page.getByRole("button", { name: `Revoke all tokens of ${tenant.admin.name}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Revoke all tokens of ${tenant.operator.name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke all 2 API tokens of ${tenant.operator.name}?` });
  await expect(confirm).toContainText("refused from now on");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  for (const token of leaving) expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);

  await page.getByRole("button", { name: `Revoke all tokens of ${tenant.operator.name}` }).click();
  await page.getByRole("dialog", { name: `Revoke all 2 API tokens of ${tenant.operator.name}?` }).getByRole("button", { name: "Revoke all" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`2 API tokens of ${tenant.operator.name} revoked.`);
  await expect(page.getByRole("row").filter({ hasText: tenant.operator.email }).getByRole("cell").nth(3)).toHaveText("0");
  await expect(page.getByRole("button", { name: `Revoke all tokens of ${tenant.operator.name}` })).toHaveCount(0);

  for (const token of leaving) await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: token.value })).status, { timeout: 3000 }).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: staying.value })).status).toBe(200);
  const audit = await latestAuditEvent(tenant.id, "user.tokensRevoked");
  expect(audit).toMatchObject({ actorUserId: tenant.admin.id, targetId: tenant.operator.id });
  expect(JSON.parse(audit!.details)).toMatchObject({ email: tenant.operator.email, count: 2 });
});

test("an operator selects two of their tokens and revokes them together", async ({ page, context, tenant }) => {
  const operator = actorOf(tenant, tenant.operator);
  const [first, second, third] = await Promise.all(["Build one", "Build two", "Build three"].map((name) => createApiToken(operator, { name })));
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  await expect(page.getByRole("button", { name: "Revoke selected" })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Select Build one" }).check();
  await page.getByRole("checkbox", { name: "Select Build two" }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke 2 tokens?" });
  await expect(confirm).toContainText("Build one");
  await expect(confirm).toContainText("Build two");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText("2 tokens revoked.");
  await expect(page.getByRole("table", { name: "API tokens" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Build three" })).toBeVisible();
  for (const token of [first, second]) await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: token.value })).status, { timeout: 3000 }).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: third.value })).status).toBe(200);

  // "Select all on this page" takes every row the person may revoke.
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(page.getByRole("checkbox", { name: "Select Build three" })).toBeChecked();
});

test("a forged bulk revocation naming another user's token revokes nothing at all", async ({ page, context, tenant }) => {
  const victim = await createApiToken(actorOf(tenant, tenant.admin), { name: "Admin's backup job" });
  const own = await Promise.all(["Mine A", "Mine B"].map((name) => createApiToken(actorOf(tenant, tenant.reader), { name })));
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  let forged = false;
  await page.route("**/settings/api-tokens**", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes(own[1].token.id)) {
      forged = true;
      await route.continue({ postData: body.replaceAll(own[1].token.id, victim.token.id) });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("checkbox", { name: "Select Mine A" }).check();
  await page.getByRole("checkbox", { name: "Select Mine B" }).check();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  await page.getByRole("dialog", { name: "Revoke 2 tokens?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Nothing was revoked.");
  expect(forged).toBe(true);
  expect((await tokenRow(tenant.id, victim.token.id)).revokedAt).toBeNull();
  expect((await tokenRow(tenant.id, own[0].token.id)).revokedAt).toBeNull();
  expect((await callApi("/api/v1/whoami/", { token: victim.value })).status).toBe(200);
});
