import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an admin adds a SIEM agent, gets its token once, rotates it and deletes it; it never shows among API tokens", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/siem-agents");
  await expect(page.getByText("No SIEM agents yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add SIEM agent" }).click();
  const add = page.getByRole("dialog", { name: "Add SIEM agent" });
  await add.getByRole("textbox", { name: "Name" }).fill("Sentinel connector");
  await expect(add.getByRole("combobox", { name: "Expiration" }).locator("option:checked")).toHaveText("30 days");
  await add.getByRole("combobox", { name: "Expiration" }).selectOption("90 days");
  await page.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Token for Sentinel connector" });
  const first = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(first).toMatch(/^kpsa_/);
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("Generated");
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("in 90 days");

  // The agent reads, and may not close alerts or act beyond its job.
  const whoami = await callApi("/api/v1/whoami/", { token: first });
  expect(whoami.status).toBe(200);
  expect(whoami.json.scopes).toEqual(["Investigation.read"]);

  await gotoReady(page, "/settings/api-tokens");
  await expect(page.locator("body")).not.toContainText("Sentinel connector");

  await gotoReady(page, "/settings/siem-agents");
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("Active");
  // Rotation with a grace period, as for API tokens: both values work until it ends.
  await page.getByRole("button", { name: "Rotate Sentinel connector" }).click();
  const rotate = page.getByRole("dialog", { name: 'Rotate "Sentinel connector"' });
  await rotate.getByRole("combobox", { name: "Grace period" }).selectOption("24 hours");
  await rotate.getByRole("button", { name: "Rotate" }).click();
  const rotated = page.getByRole("dialog", { name: 'New value for "Sentinel connector"' });
  const second = await rotated.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  expect(second).toMatch(/^kpsa_/);
  expect(second).not.toBe(first);
  await rotated.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Sentinel connector" })).toContainText("rotated, previous value valid until");
  expect((await callApi("/api/v1/whoami/", { token: first })).status).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: second })).status).toBe(200);

  // Without a grace period (chosen: the dialog starts at 1 hour) the value it replaces stops at once.
  await page.getByRole("button", { name: "Rotate Sentinel connector" }).click();
  const again = page.getByRole("dialog", { name: 'Rotate "Sentinel connector"' });
  await expect(again.getByRole("combobox", { name: "Grace period" }).locator("option:checked")).toHaveText("1 hour");
  await again.getByRole("combobox", { name: "Grace period" }).selectOption("None");
  await again.getByRole("button", { name: "Rotate" }).click();
  const third = await page.getByRole("dialog", { name: 'New value for "Sentinel connector"' }).getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await page.getByRole("dialog", { name: 'New value for "Sentinel connector"' }).getByRole("button", { name: "Close" }).click();
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: second })).status, { timeout: 3000 }).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: first })).status).toBe(401);
  expect((await callApi("/api/v1/whoami/", { token: third })).status).toBe(200);

  await page.getByRole("button", { name: "Delete Sentinel connector" }).click();
  await page.getByRole("dialog", { name: "Delete SIEM agent?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No SIEM agents yet.")).toBeVisible();
  expect((await callApi("/api/v1/whoami/", { token: third })).status).toBe(401);
});

test("only a full admin manages SIEM agents and log collectors", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  for (const path of ["/settings/siem-agents", "/settings/log-collectors"]) {
    await gotoReady(page, path);
    await expect(page.getByRole("alert").filter({ hasText: "You don't have access" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add / })).toHaveCount(0);
  }
});
