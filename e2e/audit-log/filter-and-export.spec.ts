// The audit log as an admin uses it: filter by a token, keep the filter in the address, export exactly
// what is shown, read entries in words with a details pane, page through a long log; and nobody
// without the permission sees it.
import fs from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { registerApp } from "@/lib/oauth/apps";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { auditEntryIdsOfTarget } from "../support/e2e-data";
import { parseCsv } from "./csv";

test("an admin filters the audit log by a token, and the CSV export holds exactly the filtered entries", async ({ page, context, tenant }) => {
  const suffix = randomBytes(3).toString("hex");
  const actor = { tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" as const };
  const deploy = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: `deploy-bot-${suffix}` });
  await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: `nightly-backup-${suffix}` });
  await revokeApiToken(actor, deploy.id);

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/audit-log");
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log).toContainText(`nightly-backup-${suffix}`);

  await page.getByRole("searchbox", { name: "Target" }).fill(`deploy-bot-${suffix}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]target=deploy-bot-${suffix}`));
  const rows = log.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Token revoked");
  await expect(rows.nth(0)).toContainText("via Portal");
  await expect(rows.nth(1)).toContainText("Token generated");
  for (const row of await rows.all()) {
    await expect(row).toContainText(`deploy-bot-${suffix}`);
    await expect(row).toContainText(tenant.admin.email);
    await expect(row).not.toContainText(deploy.id);
  }
  await expect(log).not.toContainText("nightly-backup");

  // The filter lives in the address: a reload (or a shared link) shows the same entries.
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor();
  await expect(page.getByRole("searchbox", { name: "Target" })).toHaveValue(`deploy-bot-${suffix}`);
  await expect(rows).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^keyport-audit-log-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const [header, ...lines] = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  const column = (name: string) => header.indexOf(name);
  expect(lines.map((line) => line[column("Entry id")])).toEqual(await auditEntryIdsOfTarget(tenant.id, deploy.id));
  expect(lines.map((line) => line[column("Activity")])).toEqual(["Token revoked", "Token generated"]);
  expect(lines.every((line) => line[column("Target")] === `deploy-bot-${suffix}` && line[column("Actor")] === tenant.admin.email)).toBe(true);

  // Narrowed further by who acted: the admin did both; the operator neither.
  await page.getByRole("searchbox", { name: "Actor" }).fill(tenant.operator.email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.getByRole("searchbox", { name: "Actor" }).fill(tenant.admin.email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(2);

  // The JSON Lines export of the same filters: the same entries, one JSON object a line.
  const jsonl = await page.request.get((await page.getByRole("link", { name: "Export JSON Lines" }).getAttribute("href"))!);
  expect(jsonl.headers()["content-type"]).toContain("application/jsonl");
  const entries = (await jsonl.text()).trim().split("\n").map((line) => JSON.parse(line) as { id: string; details: { via?: string } });
  expect(entries.map((entry) => entry.id)).toEqual(lines.map((line) => line[column("Entry id")]));
  expect(entries[0].details.via).toBe("ui");
});

test("an admin reads entries in words, opens the details pane, and pages through a long log", async ({ page, context, tenant }) => {
  const actor = { tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" as const };
  const app = await registerApp(actor, { name: `Billing sync ${randomBytes(2).toString("hex")}`, multiTenant: false });
  // An entry that kept no target name (as older entries did): the log still shows the app by name.
  const secretId = randomUUID();
  await recordAuditEvent({ tenantId: tenant.id, actorUserId: tenant.admin.id, action: "app.secretDeleted", targetType: "APP", targetId: app.id, details: { secretId } }, db);
  const base = Date.now() - 3 * 24 * 3600_000;
  await db.auditEvent.createMany({
    data: Array.from({ length: 70 }, (_, index) => ({ id: randomUUID(), tenantId: tenant.id, actorUserId: null, action: "subnets.update", targetType: "subnet", targetId: randomUUID(), targetLabel: `Range ${index}`, details: "{}", createdAt: new Date(base + index * 1000) })),
  });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/audit-log");
  const log = page.getByRole("table", { name: "Audit log" });
  const secretRow = log.getByRole("row").filter({ hasText: "Client secret deleted" });
  await expect(secretRow).toContainText(app.name);
  await expect(secretRow).toContainText("App registration");
  await expect(log).not.toContainText("app.secretDeleted");

  const details = page.getByRole("button", { name: `Details of Client secret deleted: ${app.name}` });
  await details.click();
  const pane = page.getByRole("dialog", { name: "Client secret deleted" });
  // Ids are not words: the deleted secret's id is in the stored entry, behind "Show raw".
  await expect(pane).toContainText(tenant.admin.email);
  await expect(pane.getByText(secretId)).toBeHidden();
  await pane.getByText("Show raw", { exact: true }).click();
  await expect(pane.getByText(secretId)).toBeVisible();
  await pane.getByRole("button", { name: "Close" }).click();
  await expect(pane).toBeHidden();
  await expect(details).toBeFocused();

  // 50 entries a page, newest first; Older and Newer move by the entries shown.
  const rows = log.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole("link", { name: /Newer entries/ })).toHaveCount(0);
  const firstPage = await rows.allTextContents();
  await page.getByRole("link", { name: /Older entries/ }).click();
  await expect(page).toHaveURL(/[?&]before=/);
  await expect(rows.first()).not.toHaveText(firstPage[0]);
  const secondPage = await rows.allTextContents();
  expect(secondPage.some((text) => firstPage.includes(text))).toBe(false);
  await page.getByRole("link", { name: /Newer entries/ }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  await expect(rows.first()).toHaveText(firstPage[0]);
  expect(await rows.allTextContents()).toEqual(firstPage);

  // An activity filter, and an empty result that offers to clear it.
  await page.getByRole("combobox", { name: "Activity" }).selectOption({ label: "IP range updated" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=subnets\.update/);
  await expect(rows).toHaveCount(50);
  await page.getByLabel("To", { exact: true }).fill("2001-01-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(rows).toHaveCount(50);
});

test("people without the audit log permission see no link to it, and get 403 for the page and the export", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/settings/api-tokens");
  const nav = page.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  expect((await page.goto("/settings/audit-log"))?.status()).toBe(403);
  expect((await page.goto("/settings/webhooks"))?.status()).toBe(403);
  const exported = await page.request.get("/api/audit-log/export?format=csv");
  expect(exported.status()).toBe(403);
  expect(await exported.json()).toMatchObject({ error: { code: "forbidden" } });
  const signedOut = await page.request.get("/api/audit-log/export?format=csv", { headers: { cookie: "" } });
  expect([401, 403]).toContain(signedOut.status());
});
