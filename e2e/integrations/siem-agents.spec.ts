import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an admin adds a SIEM agent, gets its token once, regenerates it and deletes it; it never shows among API tokens", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/siem-agents");
  await expect(page.getByText("No SIEM agents yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add SIEM agent" }).click();
  await page.getByRole("dialog", { name: "Add SIEM agent" }).getByRole("textbox", { name: "Name" }).fill("Sentinel connector");
  await page.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Token for Sentinel connector" });
  const first = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(first).toMatch(/^kpsa_/);
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("Generated");

  // The agent reads, and may not close alerts or act beyond its job.
  const whoami = await callApi("/api/v1/whoami/", { token: first });
  expect(whoami.status).toBe(200);
  expect(whoami.json.scopes).toEqual(["Investigation.read"]);

  await gotoReady(page, "/settings/api-tokens");
  await expect(page.locator("body")).not.toContainText("Sentinel connector");

  await gotoReady(page, "/settings/siem-agents");
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("Active");
  await page.getByRole("button", { name: "Regenerate token for Sentinel connector" }).click();
  await page.getByRole("dialog", { name: "Regenerate token?" }).getByRole("button", { name: "Regenerate" }).click();
  const regenerated = page.getByRole("dialog", { name: "New token for Sentinel connector" });
  const second = await regenerated.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(second).not.toBe(first);
  await regenerated.getByRole("button", { name: "Close" }).click();
  expect((await callApi("/api/v1/whoami/", { token: first })).status).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: second })).status).toBe(200);

  await page.getByRole("button", { name: "Delete Sentinel connector" }).click();
  await page.getByRole("dialog", { name: "Delete SIEM agent?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No SIEM agents yet.")).toBeVisible();
  expect((await callApi("/api/v1/whoami/", { token: second })).status).toBe(401);
});

test("only a full admin manages SIEM agents and log collectors", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  for (const path of ["/settings/siem-agents", "/settings/log-collectors"]) {
    await gotoReady(page, path);
    await expect(page.getByRole("alert").filter({ hasText: "You don't have access" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add / })).toHaveCount(0);
  }
});
