// Webhook endpoints on a real database, with real HTTP servers on 127.0.0.1: one that never answers
// holds one slot and delays only itself, even with two workers (two instances) at once, each endpoint
// gets one request at a time; one that keeps failing is paused (audited) and sends nothing until an
// admin resumes it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import type { UserActor } from "@/lib/actor";
import { createDeliveryWorker, type DeliveryWorker } from "@/lib/webhooks/delivery-worker";
import { createWebhook, deleteWebhook, listWebhooks, resumeWebhook, sendTestEvent, webhookDeliveryLog } from "@/lib/webhooks/manage-webhooks";

const APP_SECRET = "unit-test-app-secret";

/** A server that answers `status`, or never when `status` is null; counts requests and the most open at once. */
async function startServer(status: number | null) {
  let open = 0;
  let mostOpen = 0;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    open++;
    mostOpen = Math.max(mostOpen, open);
    res.on("close", () => open--);
    req.resume();
    req.on("end", () => {
      if (status !== null) res.writeHead(status).end("answer");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    mostOpen: () => mostOpen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `e-${randomBytes(4).toString("hex")}`, name: "Endpoints" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
  return { tenant, actor };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

describe("webhook endpoints", { timeout: 60_000 }, () => {
  it("a hanging endpoint gets one request at a time, even from two workers, and holds up no other tenant", async () => {
    const hanging = await startServer(null);
    const fast = await startServer(204);
    cleanup.push(hanging.close, fast.close);
    const slow = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const stuck = await createWebhook(slow.actor, { url: `${hanging.url}/hook`, description: "", events: ["token.created"] }, APP_SECRET);
    cleanup.push(() => deleteWebhook(slow.actor, stuck.id));
    for (let index = 0; index < 10; index++) await sendTestEvent(slow.actor, stuck.id);

    // Two workers, as two instances would run; each would take a batch of ten and wait for the slowest before.
    const workers: DeliveryWorker[] = ["one", "two"].map((workerId) => createDeliveryWorker({ appSecrets: [APP_SECRET], workerId, pollMs: 50, timeoutMs: 8_000, retryBaseMs: 60_000 }));
    for (const worker of workers) {
      worker.start();
      cleanup.push(() => worker.stop());
    }
    await until("the hanging endpoint to be sent to", () => hanging.requests() >= 1);

    const hook = await createWebhook(other.actor, { url: `${fast.url}/hook`, description: "", events: ["token.created"] }, APP_SECRET);
    cleanup.push(() => deleteWebhook(other.actor, hook.id));
    await sendTestEvent(other.actor, hook.id);
    // Well within the hanging attempt's time limit (8 s): not queued behind it.
    await until("the other tenant's event", () => fast.requests() === 1, 5_000);
    await until("the other tenant's delivery to be recorded", async () => (await webhookDeliveryLog(other.tenant.id, hook.id)).deliveries[0].status === "delivered");
    expect((await webhookDeliveryLog(other.tenant.id, hook.id)).deliveries[0]).toMatchObject({ status: "delivered", lastStatusCode: 204 });

    // The hanging endpoint failed (time limit) and backs off: never two of its requests at once.
    await until("the hanging attempt to be recorded", async () => (await webhookDeliveryLog(slow.tenant.id, stuck.id)).deliveries.some((delivery) => delivery.attemptCount > 0));
    expect(hanging.mostOpen()).toBe(1);
    expect(hanging.requests()).toBe(1);
    const [row] = (await listWebhooks(slow.tenant.id)).filter((webhook) => webhook.id === stuck.id);
    expect(row).toMatchObject({ failureStreak: 1, paused: null });
  });

  it("pauses an endpoint after failures in a row, sends nothing more, and resumes when an admin says so", async () => {
    const failing = await startServer(500);
    cleanup.push(failing.close);
    const { tenant, actor } = await tenantWithAdmin();
    const stranger = await tenantWithAdmin();
    const hook = await createWebhook(actor, { url: `${failing.url}/hook`, description: "", events: ["token.created"] }, APP_SECRET);
    cleanup.push(() => deleteWebhook(actor, hook.id));
    const early = [(await sendTestEvent(actor, hook.id)).messageId, (await sendTestEvent(actor, hook.id)).messageId];
    let clock = Date.now() + 10;
    const worker = createDeliveryWorker({ appSecrets: [APP_SECRET], retryBaseMs: 1_000, pauseAfterFailures: 3, now: () => new Date(clock), random: () => 0.5 });

    // A failure ends the endpoint's turn: one attempt, then the endpoint waits (1 s, 2 s …). The worker
    // serves the whole database, which other test files share, so what counts is what this receiver got.
    await worker.runOnce();
    expect(failing.requests()).toBe(1);
    clock += 500;
    await worker.runOnce();
    expect(failing.requests()).toBe(1);
    for (const [index, wait] of [1_000, 2_000].entries()) {
      clock += wait;
      await worker.runOnce();
      expect(failing.requests()).toBe(index + 2);
    }
    const [row] = (await listWebhooks(tenant.id)).filter((webhook) => webhook.id === hook.id);
    expect(row.paused).toEqual({ since: new Date(clock).toISOString(), reason: "The endpoint answered 500." });
    const audit = await db.auditEvent.findFirst({ where: { tenantId: tenant.id, action: "webhook.paused", targetId: hook.id } });
    expect(audit).toMatchObject({ actorUserId: null, targetLabel: `${failing.url}/hook` });

    // Paused: however long it waits, nothing is sent, and a new event is held.
    await sendTestEvent(actor, hook.id);
    clock += 3600_000;
    await worker.runOnce();
    expect(failing.requests()).toBe(3);
    // The first two events were queued more than a day ago, as if the pause had lasted that long.
    await db.webhookDelivery.updateMany({ where: { tenantId: tenant.id, id: { in: early } }, data: { createdAt: new Date(clock - 25 * 3600_000) } });

    // Another tenant's admin cannot resume it.
    await expect(resumeWebhook(stranger.actor, hook.id)).rejects.toMatchObject({ code: "not_found" });
    const resumed = await resumeWebhook(actor, hook.id, new Date(clock));
    expect(resumed).toEqual({ url: `${failing.url}/hook`, resumed: true });
    expect(await resumeWebhook(actor, hook.id, new Date(clock))).toMatchObject({ resumed: false });
    const entry = await db.auditEvent.findFirst({ where: { tenantId: tenant.id, action: "webhook.resumed", targetId: hook.id } });
    expect(entry).toMatchObject({ actorUserId: actor.userId });
    expect(JSON.parse(entry!.details)).toMatchObject({ reason: "The endpoint answered 500.", givenUp: 2 });

    // The two deliveries queued a day ago are given up; the one queued while paused is sent again.
    const log = await webhookDeliveryLog(tenant.id, hook.id);
    expect(log.deliveries.map((delivery) => delivery.status).sort()).toEqual(["failed", "failed", "pending"]);
    await worker.runOnce();
    expect(failing.requests()).toBe(4);
    expect((await listWebhooks(tenant.id)).find((webhook) => webhook.id === hook.id)).toMatchObject({ paused: null, failureStreak: 1 });
  });
});
