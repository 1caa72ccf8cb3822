// The scheduler with several instances: a job runs on one of them per interval, and each token expiry
// notice is sent once however many instances scan at the same moment.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { createWebhook, deleteWebhook } from "@/lib/webhooks/manage-webhooks";
import { startScheduler } from "@/lib/scheduler/scheduler";
import { findExpiringTokens, sendExpiryNotices, type ExpiringToken, type FindExpiringTokens } from "@/lib/scheduler/token-expiry";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import type { UserActor } from "@/lib/actor";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("the scheduler", { timeout: 30_000 }, () => {
  it("runs a job on one instance per interval, however many ask at once", async () => {
    const name = `job-${randomBytes(4).toString("hex")}`;
    let clock = Date.UTC(2026, 5, 1);
    const runs: string[] = [];
    const instances = ["a", "b", "c"].map((holder) =>
      startScheduler([{ name, everyMs: 60_000, run: async () => void runs.push(holder) }], { tickMs: 1_000, holder, now: () => new Date(clock), autoStart: false }),
    );
    await Promise.all(instances.map((instance) => instance.tick()));
    expect(runs).toHaveLength(1);
    clock += 30_000;
    await Promise.all(instances.map((instance) => instance.tick()));
    expect(runs).toHaveLength(1);
    clock += 31_000;
    await Promise.all(instances.map((instance) => instance.tick()));
    expect(runs).toHaveLength(2);
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it("frees the job of an instance that died holding it, once the lease runs out", async () => {
    const name = `job-${randomBytes(4).toString("hex")}`;
    let clock = Date.UTC(2026, 5, 2);
    const runs: string[] = [];
    const dying = startScheduler([{ name, everyMs: 60_000, run: () => new Promise(() => runs.push("dying")) }], { tickMs: 1_000, holder: "dying", leaseMs: 10_000, now: () => new Date(clock), autoStart: false });
    void dying.tick();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = startScheduler([{ name, everyMs: 60_000, run: async () => void runs.push("other") }], { tickMs: 1_000, holder: "other", leaseMs: 10_000, now: () => new Date(clock), autoStart: false });
    await other.tick();
    expect(runs).toEqual(["dying"]);
    clock += 11_000;
    await other.tick();
    expect(runs).toEqual(["dying", "other"]);
  });
});

describe("token expiry notices", { timeout: 30_000 }, () => {
  it("sends each notice once: 7 days before, 1 day before, and when expired", async () => {
    const tenant = await createTenant({ slug: `x-${randomBytes(4).toString("hex")}`, name: "Expiry" });
    const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
    const webhook = await createWebhook(actor, { url: "https://receiver.invalid/hook", description: "", events: ["token.expiring", "token.expired"] }, "app-secret");
    const now = new Date();
    const make = async (name: string, expiresInMs: number): Promise<ExpiringToken> => {
      const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name });
      return { id: token.id, tenantId: tenant.id, kind: "API_TOKEN", name, userId: admin.id, expiresAt: new Date(now.getTime() + expiresInMs) };
    };
    const tokens = [await make("in three days", 3 * DAY), await make("in twelve hours", 12 * HOUR), await make("an hour ago", -HOUR), await make("next month", 30 * DAY), await make("last year", -365 * DAY)];
    // Stands in for the expiry query: the tokens whose expiry falls in the window.
    const find: FindExpiringTokens = async (window) => tokens.filter((token) => token.expiresAt > window.after && token.expiresAt <= window.until);

    const sent = await Promise.all([sendExpiryNotices(now, find), sendExpiryNotices(now, find), sendExpiryNotices(now, find)]);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(await sendExpiryNotices(new Date(now.getTime() + 60_000), find)).toBe(0);

    const deliveries = await db.webhookDelivery.findMany({ where: { tenantId: tenant.id }, orderBy: { eventType: "asc" } });
    const bodies = deliveries.map((row) => JSON.parse(row.payload) as { type: string; data: { token: { name: string }; expiresInDays?: number } });
    expect(bodies.map((body) => [body.type, body.data.token.name, body.data.expiresInDays]).sort()).toEqual([
      ["token.expired", "an hour ago", undefined],
      ["token.expiring", "in three days", 7],
      ["token.expiring", "in twelve hours", 1],
    ]);
    const expired = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "token.expired" } });
    expect(expired.map((entry) => [entry.targetLabel, entry.actorUserId, (JSON.parse(entry.details) as { via: string }).via])).toEqual([["an hour ago", null, "expiry"]]);

    // A day later the first token is within a day of its expiry: the 1-day notice, once.
    expect(await sendExpiryNotices(new Date(now.getTime() + 2.5 * DAY), find)).toBe(2);
    // A token given a new lifetime (rotated) is noticed again for its new expiry.
    tokens[1] = { ...tokens[1], expiresAt: new Date(now.getTime() + 5 * DAY) };
    expect(await sendExpiryNotices(now, find)).toBe(1);
    await deleteWebhook(actor, webhook.id);
  });

  it("reads the expiring tokens of every tenant from the database, soonest first, page by page", async () => {
    const tenant = await createTenant({ slug: `x-${randomBytes(4).toString("hex")}`, name: "Expiry scan" });
    const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
    // Far in the future, so that no other test's tokens share the window.
    const base = Date.UTC(2031, 0, 1);
    const make = (name: string, expiresAt: number) => generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name, expiresAt: new Date(expiresAt) });
    const late = await make("late", base + 3 * HOUR);
    const tiedA = await make("tied a", base + HOUR);
    const tiedB = await make("tied b", base + HOUR);
    const revoked = await make("revoked", base + 2 * HOUR);
    await make("outside", base + 5 * HOUR);
    await revokeApiToken(actor, revoked.id);

    const window = { after: new Date(base), until: new Date(base + 4 * HOUR) };
    const seen: ExpiringToken[] = [];
    let from: { expiresAt: Date; id: string } | undefined;
    for (;;) {
      const page = await findExpiringTokens({ ...window, from }, 1);
      if (page.length === 0) break;
      seen.push(...page);
      from = { expiresAt: page[0].expiresAt, id: page[0].id };
    }
    const tied = [tiedA.id, tiedB.id].sort();
    expect(seen.filter((token) => token.tenantId === tenant.id).map((token) => token.id)).toEqual([...tied, late.id]);
  });
});
