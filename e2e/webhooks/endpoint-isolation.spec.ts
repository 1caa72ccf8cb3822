// Webhook endpoints do not hold each other up: a tenant's receiver that never answers delays only its
// own deliveries, another tenant's event still arrives at once; an endpoint that keeps failing is
// paused, its page says so, and the admin resumes it. And the delivery log tells a tenant's admin
// nothing about the network: every unreachable destination reads the same.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createFreshTenant, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { latestAuditEvent } from "../support/e2e-data";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import type { UserActor } from "@/lib/actor";
import type { FreshTenant } from "../support/fixtures";
import { startReceiver } from "./receiver";

const adminOf = (tenant: FreshTenant): UserActor => ({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" });

/** A receiver that reads each request and never answers it. */
async function startHangingReceiver() {
  let requests = 0;
  const server = http.createServer((req) => {
    req.resume();
    req.on("end", () => requests++);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("a receiver that never answers delays only itself: another tenant's test event arrives within 5 seconds", async ({ page, context, tenant }) => {
  const hanging = await startHangingReceiver();
  const receiver = await startReceiver();
  try {
    // The other tenant: five webhooks on a receiver that hangs, and 25 events for each.
    const slow = await createFreshTenant();
    for (let index = 0; index < 5; index++) {
      await createWebhook(adminOf(slow), { url: `${hanging.url}/hook-${index}`, description: "", events: ["token.created"] }, await loadAuthSecret());
    }
    for (let index = 0; index < 25; index++) await createApiToken(adminOf(slow), { name: `Burst ${index}` });
    // The hanging endpoints are being sent to (each holds its connection for the whole time limit).
    await expect.poll(() => hanging.requests(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

    const { secret } = await createWebhook(adminOf(tenant), { url: `${receiver.url}/fast`, description: "", events: ["token.created"] }, await loadAuthSecret());
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/webhooks");
    await page.getByRole("button", { name: `Send test event to ${receiver.url}/fast` }).click();
    await expect(page.getByTestId("toasts")).toContainText("Test event queued");
    // Not behind the 125 deliveries to the hanging receiver, each of which waits 10 s for an answer.
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(1);
    expect(receiver.verified(secret)[0]).toMatchObject({ type: "webhook.test", data: { tenantId: tenant.id } });
  } finally {
    await hanging.close();
    await receiver.close();
  }
});

test("an endpoint that keeps failing is paused, its page says since when and why, and the admin resumes it", async ({ page, context, tenant }) => {
  const receiver = await startReceiver();
  try {
    // KEYPORT_WEBHOOK_PAUSE_AFTER_FAILURES is 5 in the end-to-end runs, with retries 400 ms apart, then 800 ms …
    receiver.script.push(500, 500, 500, 500, 500);
    const url = `${receiver.url}/broken`;
    const { id, secret } = await createWebhook(adminOf(tenant), { url, description: "Breaks", events: ["token.created"] }, await loadAuthSecret());
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, `/settings/webhooks/${id}`);
    await page.getByRole("button", { name: "Send test event" }).click();

    // The page refreshes itself while the delivery is pending, and shows the pause once it happens.
    const paused = page.getByRole("region", { name: "Webhook paused" });
    await expect(paused).toBeVisible({ timeout: 30_000 });
    await expect(paused).toContainText("Paused since");
    await expect(paused).toContainText("after 5 failed attempts in a row");
    await expect(paused.getByTestId("paused-reason")).toHaveText("The endpoint answered 500.");
    expect(receiver.received).toHaveLength(5);
    const pausedEntry = await latestAuditEvent(tenant.id, "webhook.paused");
    expect(pausedEntry).toMatchObject({ targetId: id, actorUserId: null });

    // Paused: nothing more is sent, the list says so too.
    await gotoReady(page, "/settings/webhooks");
    const row = page.getByRole("row").filter({ hasText: url });
    await expect(row).toContainText("Paused");
    expect(receiver.received).toHaveLength(5);

    // Resumed: the held delivery goes out, and the endpoint (now answering 200) takes it.
    await page.getByRole("link", { name: `Delivery log of ${url}` }).click();
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByRole("region", { name: "Webhook paused" }).getByRole("button", { name: "Resume deliveries" }).click();
    await expect(page.getByTestId("toasts")).toContainText("Webhook resumed");
    await expect(page.getByRole("region", { name: "Webhook paused" })).toHaveCount(0);
    const delivery = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem").filter({ hasText: "webhook.test" });
    await expect(delivery).toContainText("Delivered", { timeout: 30_000 });
    expect(receiver.received.map((event) => event.status)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(receiver.verified(secret).at(-1)).toMatchObject({ type: "webhook.test" });
    const resumedEntry = await latestAuditEvent(tenant.id, "webhook.resumed");
    expect(resumedEntry).toMatchObject({ targetId: id, actorUserId: tenant.admin.id });
  } finally {
    await receiver.close();
  }
});

test("a name that does not resolve and a closed port read the same in the delivery log", async ({ page, context, tenant }) => {
  // A port that was just free: nothing listens there.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const urls = ["http://keyport-e2e-nowhere.invalid/hook", `http://127.0.0.1:${closedPort}/hook`];
  const ids: string[] = [];
  for (const url of urls) ids.push((await createWebhook(adminOf(tenant), { url, description: "", events: ["token.created"] }, await loadAuthSecret())).id);
  await signInContext(context, tenant.admin.email);
  const seen: string[] = [];
  for (const id of ids) {
    await gotoReady(page, `/settings/webhooks/${id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    const attempt = page.getByRole("table", { name: /^Attempts of webhook\.test/ }).locator("tbody tr").first();
    await expect(attempt).toBeVisible({ timeout: 20_000 });
    const details = (await attempt.locator("td").nth(4).textContent()) ?? "";
    seen.push(details);
  }
  expect(seen).toEqual(["Could not deliver: the destination could not be reached or is not allowed.", "Could not deliver: the destination could not be reached or is not allowed."]);
});
