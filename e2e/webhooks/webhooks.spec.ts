// Webhooks as an admin sets them up: add one (the signing secret shown once), send a test event that a
// receiver started by the test verifies with the Standard Webhooks library, see a token generated in
// the portal arrive signed, and read retries in the delivery log.
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import type { Page } from "@playwright/test";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { startReceiver } from "./receiver";

/** Adds a webhook through the page; `only`: tick just these events (default: the page's default choice). */
async function addWebhook(page: Page, url: string, only?: string[]): Promise<string> {
  await gotoReady(page, "/settings/webhooks");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add webhook" });
  await expect(dialog.getByRole("textbox", { name: "URL" })).toBeFocused();
  await dialog.getByRole("textbox", { name: "URL" }).fill(url);
  const checkbox = (event: string) => dialog.getByRole("checkbox", { name: new RegExp(`^${event.replace(".", "\\.")}`) });
  if (only) {
    for (const box of await dialog.getByRole("checkbox").all()) await box.uncheck();
    for (const event of only) await checkbox(event).check();
  } else {
    for (const event of ["token.created", "token.revoked", "user.deprovisioned"]) await expect(checkbox(event)).toBeChecked();
  }
  await dialog.getByRole("button", { name: "Add" }).click();
  const added = page.getByRole("dialog", { name: "Webhook added" });
  const secret = await added.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await added.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("table", { name: "Webhooks" })).toContainText(url);
  return secret;
}

test("an admin adds a webhook and sends a test event, and the receiver verifies its signature", async ({ page, context, tenant }) => {
  const receiver = await startReceiver();
  try {
    await signInContext(context, tenant.admin.email);
    const url = `${receiver.url}/keyport-events`;
    const secret = await addWebhook(page, url);

    await page.getByRole("button", { name: `Send test event to ${url}` }).click();
    await expect(page.getByTestId("toasts")).toContainText("Test event queued");
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [event] = receiver.verified(secret);
    expect(event).toMatchObject({ type: "webhook.test", data: { tenantId: tenant.id, sentBy: tenant.admin.email } });
    expect(receiver.received[0].headers["webhook-id"]).toMatch(/^msg_/);

    // A token generated in the portal reaches the receiver as a signed token.created.
    await gotoReady(page, "/settings/api-tokens");
    await page.getByRole("button", { name: "Generate new token" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate new token" });
    await dialog.getByRole("textbox", { name: "Token name" }).fill("Webhook watched");
    await dialog.getByRole("button", { name: "Next" }).click();
    // The value is shown once, in the read-only "Token" box of the dialog that follows.
    const shown = page.getByRole("dialog").filter({ has: page.getByRole("textbox", { name: "Token", exact: true }) });
    const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
    expect(value).toMatch(/^kpat_/);
    await shown.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    const created = receiver.verified(secret)[1];
    expect(created).toMatchObject({ type: "token.created", data: { token: { name: "Webhook watched", kind: "API_TOKEN", issuerId: tenant.admin.id } } });
    expect(receiver.received[1].body).not.toContain(value);

    await gotoReady(page, "/settings/webhooks");
    await page.getByRole("link", { name: `Delivery log of ${url}` }).click();
    await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
    const deliveries = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem");
    await expect(deliveries).toHaveCount(2);
    await expect(deliveries.filter({ hasText: "webhook.test" })).toContainText("Delivered");
    await expect(deliveries.filter({ hasText: "token.created" }).getByTestId("last-status")).toHaveText("200");
  } finally {
    await receiver.close();
  }
});

test("a receiver failing twice then succeeding shows three attempts in the delivery log", async ({ page, context, tenant }) => {
  const receiver = await startReceiver();
  try {
    await signInContext(context, tenant.admin.email);
    const url = `${receiver.url}/flaky`;
    const secret = await addWebhook(page, url);
    receiver.script.push(500, 503);
    await page.getByRole("link", { name: `Delivery log of ${url}` }).click();
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByRole("button", { name: "Send test event" }).click();

    const delivery = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem").filter({ hasText: "webhook.test" });
    // The page refreshes itself while the delivery is pending.
    await expect(delivery).toContainText("Delivered", { timeout: 20_000 });
    const attempts = delivery.getByRole("table", { name: /^Attempts of webhook\.test/ }).locator("tbody tr");
    await expect(attempts).toHaveCount(3);
    expect(await attempts.locator("td:nth-child(3)").allTextContents()).toEqual(["500", "503", "200"]);
    await expect(attempts.nth(0)).toContainText("The endpoint answered 500.");
    await expect(attempts.nth(0)).toContainText(/\d+ ms/);
    await expect(delivery.getByTestId("last-status")).toHaveText("200");

    // The same message three times: the same id and body, each signed.
    expect(receiver.received.map((event) => event.status)).toEqual([500, 503, 200]);
    expect(new Set(receiver.received.map((event) => event.headers["webhook-id"])).size).toBe(1);
    expect(receiver.verified(secret).map((event) => event.type)).toEqual(["webhook.test", "webhook.test", "webhook.test"]);
  } finally {
    await receiver.close();
  }
});

test("a URL that is not http or https is refused at the field, and nothing is added", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/webhooks");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add webhook" });
  const url = dialog.getByRole("textbox", { name: "URL" });
  await url.fill("ftp://files.example.com/drop");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("The URL must start with https:// or http://.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
});

test("a token rotated in the portal reaches the receiver as a signed token.rotated", async ({ page, context, tenant }) => {
  const receiver = await startReceiver();
  try {
    const made = await createApiToken({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" }, { name: "Rotated under watch" });
    await signInContext(context, tenant.admin.email);
    const secret = await addWebhook(page, `${receiver.url}/rotations`, ["token.rotated"]);

    await gotoReady(page, "/settings/api-tokens");
    await page.getByRole("button", { name: "Rotate Rotated under watch" }).click();
    const dialog = page.getByRole("dialog", { name: 'Rotate "Rotated under watch"' });
    await dialog.getByRole("combobox", { name: "Grace period" }).selectOption("24 hours");
    await dialog.getByRole("button", { name: "Rotate" }).click();
    const shown = page.getByRole("dialog", { name: 'New value for "Rotated under watch"' });
    const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
    await shown.getByRole("button", { name: "Close" }).click();

    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [rotated] = receiver.verified(secret);
    expect(rotated).toMatchObject({ type: "token.rotated", data: { tenantId: tenant.id, token: { id: made.token.id, name: "Rotated under watch" }, via: "ui" } });
    expect(rotated.data.previousValidUntil).toEqual(expect.any(String));
    // Neither value is ever in an event.
    expect(receiver.received[0].body).not.toContain(value);
    expect(receiver.received[0].body).not.toContain(made.value);
  } finally {
    await receiver.close();
  }
});
