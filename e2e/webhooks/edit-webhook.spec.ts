// Changing a webhook (issue 28, item 9): its URL, description and events are edited in a dialog with
// the rules of adding one, the change is audited, events then go to the new URL, and the delivery log
// tells a failure in words, never as a system error code.
import { createFreshTenant, expect, gotoReady, signInContext, test } from "../support/fixtures";
import type { FreshTenant } from "../support/fixtures";
import { latestAuditEvent } from "../support/e2e-data";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import type { UserActor } from "@/lib/actor";
import { isAppError } from "@/lib/errors";
import { createWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { startReceiver } from "./receiver";

const adminOf = (tenant: FreshTenant): UserActor => ({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" });

test("an admin changes a webhook's URL and events; the change is audited and events go to the new URL", async ({ page, context, tenant }) => {
  const receiver = await startReceiver();
  try {
    const oldUrl = `${receiver.url}/old`;
    const { id } = await createWebhook(adminOf(tenant), { url: oldUrl, description: "", events: ["token.created", "token.revoked"] }, await loadAuthSecret());
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/webhooks");

    const edit = page.getByRole("button", { name: `Edit ${oldUrl}` });
    await edit.click();
    const dialog = page.getByRole("dialog", { name: "Edit webhook" });
    const url = dialog.getByRole("textbox", { name: "URL" });
    await expect(url).toHaveValue(oldUrl);
    await expect(dialog.getByRole("checkbox", { name: /^token\.created/ })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: /^user\.deprovisioned/ })).not.toBeChecked();

    // The rules of adding one: a bad URL and no events are refused, field by field.
    await url.fill("ftp://example.com/hook");
    for (const box of await dialog.getByRole("checkbox").all()) await box.uncheck();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("The URL must start with https:// or http://.")).toBeVisible();
    await expect(dialog.getByText("Choose at least one event.")).toBeVisible();
    await expect(url).toHaveAttribute("aria-invalid", "true");

    const newUrl = `${receiver.url}/new`;
    await url.fill(newUrl);
    await dialog.getByRole("textbox", { name: "Description" }).fill("The new receiver");
    await dialog.getByRole("checkbox", { name: /^user\.deprovisioned/ }).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByTestId("toasts")).toContainText(`Webhook ${newUrl} saved.`);
    // The dialog gives the focus back to the row's Edit button, now named after the new URL.
    const row = page.getByRole("table", { name: "Webhooks" }).getByRole("row").filter({ hasText: newUrl });
    await expect(row).toContainText("The new receiver");
    await expect(row).toContainText("user.deprovisioned");
    await expect(row).not.toContainText("token.created");

    const entry = await latestAuditEvent(tenant.id, "webhook.updated");
    expect(entry).toMatchObject({ targetId: id, actorUserId: tenant.admin.id });
    expect(JSON.parse(String(entry!.details))).toMatchObject({ url: newUrl, previousUrl: oldUrl, events: ["user.deprovisioned"], previousEvents: ["token.created", "token.revoked"] });
    await gotoReady(page, "/settings/audit-log");
    await expect(page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "Webhook changed" })).toContainText(newUrl);

    // A test event now reaches the new URL.
    await gotoReady(page, "/settings/webhooks");
    await page.getByRole("button", { name: `Send test event to ${newUrl}` }).click();
    await expect.poll(() => receiver.received.map((event) => event.path), { timeout: 15_000 }).toEqual(["/new"]);
  } finally {
    await receiver.close();
  }
});

test("another tenant's webhook cannot be changed, and saving without a change writes nothing", async () => {
  const [mine, theirs] = [await createFreshTenant(), await createFreshTenant()];
  const secret = await loadAuthSecret();
  const { id } = await createWebhook(adminOf(theirs), { url: "https://hooks.example.com/theirs", description: "", events: ["token.created"] }, secret);
  const refused = await updateWebhook(adminOf(mine), id, { url: "https://evil.example.com/", description: "", events: ["token.created"] }).catch((error: unknown) => error);
  expect(isAppError(refused) && refused.code).toBe("not_found");
  expect(await updateWebhook(adminOf(theirs), id, { url: "https://hooks.example.com/theirs", description: "", events: ["token.created"] })).toEqual({ url: "https://hooks.example.com/theirs", changed: false });
  expect(await latestAuditEvent(theirs.id, "webhook.updated")).toBeNull();
});

test("the delivery log says in words why an attempt failed", async ({ page, context, tenant }) => {
  const { id } = await createWebhook(adminOf(tenant), { url: "http://keyport-e2e-nowhere.invalid/hook", description: "", events: ["token.created"] }, await loadAuthSecret());
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, `/settings/webhooks/${id}`);
  await page.getByRole("button", { name: "Send test event" }).click();
  const attempt = page.getByRole("table", { name: /^Attempts of webhook\.test/ }).locator("tbody tr").first();
  await expect(attempt).toBeVisible({ timeout: 20_000 });
  const text = (await page.getByRole("list", { name: "Deliveries" }).textContent()) ?? "";
  expect(text).toMatch(/Could not deliver: /);
  expect(text).not.toMatch(/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|E[A-Z]{4,}|ERR_[A-Z_]+|getaddrinfo)\b/);
});
