// The webhook outbox on a real database, delivering to a real HTTP server on 127.0.0.1: events are
// queued in the transaction of their change, claimed by one worker at a time, signed, retried with
// backoff, and every attempt is kept.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db, transaction } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { setUserProvisioning } from "@/lib/users/manage-users";
import type { UserActor } from "@/lib/actor";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-event";
import { claimEndpoint, claimNextDelivery, releaseEndpoint, renewEndpoint } from "@/lib/webhooks/claim-deliveries";
import { createDeliveryWorker } from "@/lib/webhooks/delivery-worker";
import { createWebhook, deleteWebhook, sendTestEvent, TEST_EVENTS_PER_MINUTE, webhookDeliveryLog } from "@/lib/webhooks/manage-webhooks";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { createWebhookSchema } from "@/lib/webhooks/schemas";

const APP_SECRET = "unit-test-app-secret";

type Received = { path: string; headers: Record<string, string>; body: string };
type Reply = { status: number; body?: string; headers?: Record<string, string>; hang?: boolean };

/** A receiver that answers with the scripted replies in turn (then 200), and keeps every request. */
async function startReceiver() {
  const received: Received[] = [];
  const script: Reply[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const reply = script.shift() ?? { status: 200, body: "ok" };
      if (reply.hang) return;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, script, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/** The webhooks each test made, deleted after it with their deliveries, so no test's worker sends another's. */
const made: { actor: UserActor; id: string }[] = [];

async function addWebhook(actor: UserActor, url: string, events: (typeof WEBHOOK_EVENT_TYPES)[number][]) {
  const created = await createWebhook(actor, { url, description: "", events }, APP_SECRET);
  made.push({ actor, id: created.id });
  return created;
}

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `w-${randomBytes(4).toString("hex")}`, name: "Hooks" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
  return { tenant, admin, actor };
}

function deliveriesOf(tenantId: string) {
  return db.webhookDelivery.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
}

describe("webhook outbox and delivery", { timeout: 30_000 }, () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(async () => {
    for (const { actor, id } of made.splice(0)) await deleteWebhook(actor, id).catch(() => undefined);
    receiver.script.length = 0;
  });

  it("accepts http and https URLs only, and at least one event", () => {
    expect(createWebhookSchema.safeParse({ url: "https://hooks.example.com/k", events: ["token.created"] }).success).toBe(true);
    expect(createWebhookSchema.safeParse({ url: "http://127.0.0.1:9/x", events: ["token.created"] }).success).toBe(true);
    for (const url of ["ftp://example.com/x", "javascript:alert(1)", "file:///etc/passwd", "example.com/hook", "https://user:pw@example.com/"]) {
      expect(createWebhookSchema.safeParse({ url, events: ["token.created"] }).success, url).toBe(false);
    }
    expect(createWebhookSchema.safeParse({ url: "https://example.com", events: [] }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: "https://example.com", events: ["token.nope"] }).success).toBe(false);
  });

  it("queues token and user events for the webhooks that chose them, in the change's transaction", async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    const reader = await createUser({ tenantId: tenant.id, email: `reader@${tenant.slug}.test`, name: "Reader", role: "SECURITY_READER", password: "x".repeat(12) });
    const all = await addWebhook(actor, `${receiver.url}/all`, [...WEBHOOK_EVENT_TYPES]);
    await addWebhook(actor, `${receiver.url}/users`, ["user.deprovisioned"]);
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "deploy" });
    await revokeApiToken(actor, token.id);
    await setUserProvisioning(actor, reader.id, false);
    const rows = await deliveriesOf(tenant.id);
    expect(rows.map((row) => [row.eventType, row.webhookId === all.id ? "all" : "users"]).sort()).toEqual([
      ["token.created", "all"],
      ["token.revoked", "all"],
      ["user.deprovisioned", "all"],
      ["user.deprovisioned", "users"],
    ]);
    const revokedRow = rows.find((row) => row.eventType === "token.revoked")!;
    const revoked = JSON.parse(revokedRow.payload) as { type: string; data: Record<string, unknown> };
    expect(revoked).toMatchObject({ type: "token.revoked", data: { tenantId: tenant.id, token: { id: token.id, name: "deploy", kind: "API_TOKEN" }, via: "ui", revokedBy: admin.email } });
    expect(revokedRow.payload).not.toContain(token.value);

    // A change that rolls back takes its event with it.
    await expect(
      transaction(async (tx) => {
        await enqueueWebhookEvent(tx, { tenantId: tenant.id, type: "token.leaked", data: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliveriesOf(tenant.id)).toHaveLength(4);
  });

  it("delivers a signed message the receiver verifies, and records status and response time", async () => {
    const { actor } = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/signed`, ["token.created"]);
    const { messageId } = await sendTestEvent(actor, created.id);
    const before = receiver.received.length;
    const worker = createDeliveryWorker({ appSecrets: [APP_SECRET] });
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
    const request = receiver.received.slice(before).find((item) => item.headers["webhook-id"] === messageId)!;
    expect(request.path).toBe("/signed");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(new Webhook(created.secret).verify(request.body, request.headers)).toMatchObject({ type: "webhook.test", data: { webhookId: created.id } });
    const log = await webhookDeliveryLog(actor.tenantId, created.id);
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({ id: messageId, status: "delivered", attemptCount: 1, lastStatusCode: 200 });
    expect(log.deliveries[0].attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 200, responseExcerpt: "ok", error: null })]);
    expect(log.deliveries[0].lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it("retries with backoff until the endpoint answers 2xx, the same message each time", async () => {
    const { actor } = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/flaky`, ["token.created"]);
    const { messageId } = await sendTestEvent(actor, created.id);
    let clock = Date.now() + 10;
    const worker = createDeliveryWorker({ appSecrets: [APP_SECRET], retryBaseMs: 1_000, now: () => new Date(clock), random: () => 0.5 });
    receiver.script.push({ status: 500, body: "down" }, { status: 503 });
    const mine = () => receiver.received.filter((item) => item.headers["webhook-id"] === messageId);

    await worker.runOnce();
    expect(mine()).toHaveLength(1);
    // Not due yet: the first retry waits the base delay.
    clock += 500;
    await worker.runOnce();
    expect(mine()).toHaveLength(1);
    clock += 1_000;
    await worker.runOnce();
    expect(mine()).toHaveLength(2);
    // The second retry waits twice as long.
    clock += 1_500;
    await worker.runOnce();
    expect(mine()).toHaveLength(2);
    clock += 1_000;
    await worker.runOnce();
    expect(mine()).toHaveLength(3);
    expect(new Set(mine().map((item) => item.body)).size).toBe(1);
    for (const item of mine()) expect(() => new Webhook(created.secret).verify(item.body, item.headers)).not.toThrow();

    const [delivery] = (await webhookDeliveryLog(actor.tenantId, created.id)).deliveries;
    expect(delivery).toMatchObject({ status: "delivered", attemptCount: 3, lastStatusCode: 200, lastError: null });
    expect(delivery.attempts.map((attempt) => [attempt.number, attempt.statusCode, attempt.error])).toEqual([
      [1, 500, "The endpoint answered 500."],
      [2, 503, "The endpoint answered 503."],
      [3, 200, null],
    ]);
    expect(delivery.attempts[0].responseExcerpt).toBe("down");
  });

  it("follows no redirect, keeps only an excerpt of the answer, and gives up after 24 hours", async () => {
    const { actor } = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/moved`, ["token.created"]);
    const { messageId } = await sendTestEvent(actor, created.id);
    // Looks as if the event was queued almost a day ago: this failure is the last one.
    await db.webhookDelivery.updateMany({ where: { id: messageId, tenantId: actor.tenantId }, data: { createdAt: new Date(Date.now() - 24 * 3600_000 + 1_000) } });
    receiver.script.push({ status: 302, headers: { location: `${receiver.url}/elsewhere` }, body: "x".repeat(10_000) });
    const before = receiver.received.length;
    await createDeliveryWorker({ appSecrets: [APP_SECRET], retryBaseMs: 5_000 }).runOnce();
    expect(receiver.received.slice(before).map((item) => item.path)).toEqual(["/moved"]);
    const [delivery] = (await webhookDeliveryLog(actor.tenantId, created.id)).deliveries;
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts[0].statusCode).toBe(302);
    expect(delivery.attempts[0].error).toMatch(/redirects are not followed/);
    expect(delivery.attempts[0].responseExcerpt!.length).toBeLessThanOrEqual(512);
  });

  it("gives up on an endpoint that does not answer in time", async () => {
    const { actor } = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/slow`, ["token.created"]);
    await sendTestEvent(actor, created.id);
    receiver.script.push({ status: 200, hang: true });
    await createDeliveryWorker({ appSecrets: [APP_SECRET], timeoutMs: 300 }).runOnce();
    const [delivery] = (await webhookDeliveryLog(actor.tenantId, created.id)).deliveries;
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastStatusCode: null, lastError: "No answer within 0.3 s." });
    expect(delivery.lastDurationMs).toBeGreaterThanOrEqual(250);
  });

  it("gives each endpoint to one claimant at a time, and each of its deliveries to one, until the lease runs out", async () => {
    const { actor } = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/claims`, ["token.created"]);
    // As many as a webhook may be sent in a minute.
    const count = TEST_EVENTS_PER_MINUTE;
    for (let index = 0; index < count; index++) await sendTestEvent(actor, created.id);
    const now = new Date(Date.now() + 1_000);
    /**
     * Claims endpoints until this test's comes up (others' are given back), or none is left for this
     * claimant. Other tests' endpoints given back are free again at once, so the second sight of one means
     * every endpoint it could get has come round: this test's is held by someone else.
     */
    const claimMine = async (at: Date, workerId: string) => {
      const passed = new Set<string>();
      for (;;) {
        const endpoint = await claimEndpoint({ now: at, leaseMs: 60_000, workerId });
        if (!endpoint || endpoint.id === created.id) return endpoint;
        await releaseEndpoint(endpoint, at);
        if (passed.has(endpoint.id)) return null;
        passed.add(endpoint.id);
      }
    };
    const claims = await Promise.all(["a", "b", "c"].map((workerId) => claimMine(now, workerId)));
    const holders = claims.filter((endpoint) => endpoint !== null);
    expect(holders).toHaveLength(1);
    const [holder] = holders;
    expect(await claimMine(new Date(now.getTime() + 59_000), "d")).toBeNull();

    // Its deliveries, each to one claimant, oldest first.
    const ids: string[] = [];
    for (let delivery = await claimNextDelivery(holder!, { now, leaseMs: 60_000 }); delivery; delivery = await claimNextDelivery(holder!, { now, leaseMs: 60_000 })) ids.push(delivery.id);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);

    // A worker that died holds nothing once its lease is over: the endpoint and its deliveries are claimed again.
    const later = new Date(now.getTime() + 61_000);
    const taken = await claimMine(later, "e");
    expect(taken?.id).toBe(created.id);
    expect(await claimNextDelivery(taken!, { now: later, leaseMs: 60_000 })).not.toBeNull();
    // The first holder's lease is gone: it cannot renew it, nor end the new holder's turn.
    expect(await renewEndpoint(holder!, { now: later, leaseMs: 60_000 })).toBe(false);
    await releaseEndpoint(holder!, later);
    expect(await claimMine(later, "f")).toBeNull();
  });

  it("drops a deleted webhook's deliveries, and refuses another tenant's webhook", async () => {
    const { actor } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const created = await addWebhook(actor, `${receiver.url}/gone`, ["token.created"]);
    await sendTestEvent(actor, created.id);
    await expect(sendTestEvent(other.actor, created.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteWebhook(other.actor, created.id)).rejects.toMatchObject({ code: "not_found" });
    await deleteWebhook(actor, created.id);
    expect(await deliveriesOf(actor.tenantId)).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: actor.tenantId, targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.targetLabel])).toEqual([
      ["webhook.created", `${receiver.url}/gone`],
      ["webhook.deleted", `${receiver.url}/gone`],
    ]);
  });
});
