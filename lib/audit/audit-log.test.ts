// The audit log on a real database: pages that start from a cursor (never an offset), filters, names
// people read (kept on new entries, looked up for old ones), the streamed export, and the aggregated
// entries of calls refused by an IP allowlist.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { listAuditEvents, auditEventBatches, decodeCursor } from "@/lib/audit/list-audit-events";
import { auditLogExportResponse, auditLogExportStream } from "@/lib/audit/export-audit-log";
import { readAuditLogPageQuery } from "@/lib/audit/schemas";
import { registerApp } from "@/lib/oauth/apps";
import { activityName, activitySummary, detailFields } from "@/lib/audit/activity-names";
import { denialEntryId, flushDenials, recordThrottledDenial } from "@/lib/audit/ip-denials";

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `a-${randomBytes(4).toString("hex")}`, name: "Audit" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenant, admin, actor: { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" as const } };
}

/** `count` entries one second apart, the newest last, with two actions alternating. */
async function seedEntries(tenantId: string, count: number, start = Date.UTC(2026, 0, 10)) {
  await db.auditEvent.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      tenantId,
      actorUserId: null,
      action: index % 2 ? "subnets.update" : "subnets.create",
      targetType: "subnet",
      targetId: `subnet-${index}`,
      targetLabel: `Range ${index}`,
      details: JSON.stringify({ name: `Range ${index}` }),
      createdAt: new Date(start + index * 1000),
    })),
  });
}

describe("the audit log", { timeout: 30_000 }, () => {
  let setup: Awaited<ReturnType<typeof tenantWithAdmin>>;
  beforeAll(async () => {
    setup = await tenantWithAdmin();
    await seedEntries(setup.tenant.id, 120);
    await generateToken({ tenantId: setup.tenant.id, userId: setup.admin.id, kind: "API_TOKEN", name: "admin's own" });
  });

  it("pages newest first from a cursor, forwards and back, without gaps or repeats", async () => {
    const tenantId = setup.tenant.id;
    const filter = { action: undefined, from: "2026-01-10", to: "2026-01-10" };
    const first = await listAuditEvents(tenantId, filter, 50);
    expect(first.rows.map((row) => row.targetId).slice(0, 2)).toEqual(["subnet-119", "subnet-118"]);
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();
    const second = await listAuditEvents(tenantId, { ...filter, before: first.older! }, 50);
    const third = await listAuditEvents(tenantId, { ...filter, before: second.older! }, 50);
    expect(third.rows).toHaveLength(20);
    expect(third.older).toBeNull();
    const all = [...first.rows, ...second.rows, ...third.rows].map((row) => row.targetId);
    expect(all).toEqual(Array.from({ length: 120 }, (_, index) => `subnet-${119 - index}`));
    // Back from the third page: the second page again, exactly.
    const back = await listAuditEvents(tenantId, { ...filter, after: third.newer! }, 50);
    expect(back.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));
    expect(back.newer).not.toBeNull();
    expect(back.older).not.toBeNull();
    const top = await listAuditEvents(tenantId, { ...filter, after: back.newer! }, 50);
    expect(top.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(top.newer).toBeNull();
  });

  it("breaks ties on the same instant by id, so no entry is skipped", async () => {
    const { tenant } = await tenantWithAdmin();
    const at = new Date(Date.UTC(2026, 1, 1));
    await db.auditEvent.createMany({ data: Array.from({ length: 7 }, (_, index) => ({ id: `tie-${index}-${randomUUID()}`, tenantId: tenant.id, actorUserId: null, action: "x.same", targetType: "t", targetId: `t${index}`, createdAt: at })) });
    const seen: string[] = [];
    let before: string | undefined;
    for (let round = 0; round < 10; round++) {
      const page = await listAuditEvents(tenant.id, { action: "x.same", before }, 3);
      seen.push(...page.rows.map((row) => row.targetId));
      if (!page.older) break;
      before = page.older;
    }
    expect(seen.sort()).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
  });

  it("filters by activity, actor, target (id or exact name) and date range", async () => {
    const tenantId = setup.tenant.id;
    const creates = await listAuditEvents(tenantId, { action: "subnets.create" }, 100);
    expect(creates.rows).toHaveLength(60);
    expect(creates.rows.every((row) => row.activity === "IP range created")).toBe(true);
    expect((await listAuditEvents(tenantId, { target: "Range 7" })).rows.map((row) => row.targetId)).toEqual(["subnet-7"]);
    expect((await listAuditEvents(tenantId, { target: "subnet-8" })).rows.map((row) => row.targetName)).toEqual(["Range 8"]);
    expect((await listAuditEvents(tenantId, { target: "Range" })).rows).toEqual([]);
    expect((await listAuditEvents(tenantId, { actor: "system", action: "subnets.update" }, 100)).rows).toHaveLength(60);
    expect((await listAuditEvents(tenantId, { actor: setup.admin.id })).rows.map((row) => row.action)).toEqual(["token.generated"]);
    expect((await listAuditEvents(tenantId, { actor: setup.admin.email.toUpperCase() })).rows.map((row) => row.action)).toEqual(["token.generated"]);
    expect((await listAuditEvents(tenantId, { actor: "nobody@elsewhere.test" })).rows).toEqual([]);
    expect((await listAuditEvents(tenantId, { actor: "System", action: "subnets.create" }, 100)).rows).toHaveLength(60);
    expect((await listAuditEvents(tenantId, { from: "2026-01-11" })).rows.every((row) => row.at >= "2026-01-11")).toBe(true);
    expect((await listAuditEvents(tenantId, { to: "2026-01-09" })).rows).toEqual([]);
  });

  it("shows token events by name, with how they happened, also for entries that kept no name", async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "deploy bot" });
    await revokeApiToken(actor, token.id);
    const page = await listAuditEvents(tenant.id, { target: "deploy bot" });
    expect(page.rows.map((row) => [row.activity, row.targetName, row.actor])).toEqual([
      ["Token revoked", "deploy bot", admin.email],
      ["Token generated", "deploy bot", admin.email],
    ]);
    expect(page.rows[0].summary).toBe("via Portal");
    expect(detailFields(page.rows[0].details)).toContainEqual({ key: "via", label: "How", value: "Portal" });
    // An entry written before names were kept is shown with the token's name when listed by its id.
    await db.auditEvent.create({ data: { id: randomUUID(), tenantId: tenant.id, actorUserId: admin.id, action: "token.rotated", targetType: "API_TOKEN", targetId: token.id, createdAt: new Date(Date.now() + 1000) } });
    expect((await listAuditEvents(tenant.id, { target: token.id })).rows.map((row) => [row.activity, row.targetName])).toEqual([
      ["Token rotated", "deploy bot"],
      ["Token revoked", "deploy bot"],
      ["Token generated", "deploy bot"],
    ]);
    // One of an app that kept no name is found by the app's name, and shown with it.
    const app = await registerApp(actor, { name: "Billing sync", multiTenant: false });
    // A second later than the registration: two entries of one millisecond are ordered by their random ids.
    await db.auditEvent.create({ data: { id: randomUUID(), tenantId: tenant.id, actorUserId: admin.id, action: "app.secretDeleted", targetType: "APP", targetId: app.id, details: JSON.stringify({ secretId: "s1" }), createdAt: new Date(Date.now() + 1000) } });
    expect((await listAuditEvents(tenant.id, { target: "Billing sync" })).rows.map((row) => [row.activity, row.targetName])).toEqual([
      ["Client secret deleted", "Billing sync"],
      ["App registered", "Billing sync"],
    ]);
  });

  it("reads activities and details as words", () => {
    expect(activityName("app.secretDeleted")).toBe("Client secret deleted");
    expect(activityName("token.somethingNew")).toBe("Token something new");
    expect(activitySummary("user.roleChanged", JSON.stringify({ from: "SECURITY_READER", to: "GLOBAL_ADMIN" }), 1)).toBe("Security reader → Global administrator");
    const fields = detailFields(JSON.stringify({ ids: ["a", "b"], comment: "closing a long-standing false alarm", nested: { deep: true } }));
    expect(fields.map((field) => field.label)).toEqual(["Ids", "Comment", "Nested"]);
    expect(fields[0].value).toBe("a, b");
    expect(fields[2].value).toContain('"deep": true');
  });

  it("ignores filters in the URL that cannot be read, and says which", () => {
    const { query, problems } = readAuditLogPageQuery({ action: "subnets.create", from: "2026-02-30", actor: "not-an-id", target: ["a", "b"] });
    expect(query).toEqual({ action: "subnets.create", target: "a" });
    expect(Object.keys(problems).sort()).toEqual(["actor", "from"]);
    expect(readAuditLogPageQuery({ from: "2026-03-02", to: "2026-03-01" }).problems).toHaveProperty("to");
    expect(decodeCursor("not a cursor")).toBeNull();
  });
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the audit log export", { timeout: 30_000 }, () => {
  it("streams exactly the filtered entries as CSV, in batches, newest first", async () => {
    const { tenant } = await tenantWithAdmin();
    await seedEntries(tenant.id, 25);
    const text = await readAll(auditLogExportStream(tenant.id, { action: "subnets.update" }, "csv", 4));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe('"Time (UTC)","Actor","Activity","Action code","Target type","Target","Target id","Count","Details","Entry id"');
    expect(lines).toHaveLength(1 + 12);
    expect(lines[1]).toContain('"IP range updated","subnets.update","IP range","Range 23","subnet-23"');
    expect(lines[12]).toContain('"subnet-1"');
  });

  it("streams JSON Lines, one entry a line", async () => {
    const { tenant } = await tenantWithAdmin();
    await seedEntries(tenant.id, 5);
    const lines = (await readAll(auditLogExportStream(tenant.id, { target: "Range 3" }, "jsonl"))).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line) as { targetId: string; details: unknown })).toEqual([expect.objectContaining({ targetId: "subnet-3", details: { name: "Range 3" }, activity: "IP range updated" })]);
  });

  it("reads the database one batch at a time, as the client takes them", async () => {
    const { tenant } = await tenantWithAdmin();
    await seedEntries(tenant.id, 30);
    const batches = auditEventBatches(tenant.id, {}, 10);
    const sizes: number[] = [];
    for await (const batch of batches) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 10, 1]); // 30 entries and the admin's creation
    const stream = auditLogExportStream(tenant.id, {}, "jsonl", 10);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).trim().split("\n")).toHaveLength(10);
    await reader.cancel();
  });

  it("refuses unreadable filters, naming each, before streaming anything", async () => {
    const { tenant } = await tenantWithAdmin();
    const url = "http://localhost/api/audit-log/export?format=csv";
    let refusal: unknown;
    try {
      auditLogExportResponse(new Request("http://localhost/api/audit-log/export?format=xlsx&from=yesterday"), tenant);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: "invalid_request", details: { format: expect.any(Array), from: expect.any(Array) } });
    const ok = auditLogExportResponse(new Request(url), tenant);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="keyport-audit-log-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
    await ok.body?.cancel();
  });
});

describe("calls refused by an IP allowlist", { timeout: 30_000 }, () => {
  it("write one entry per token per minute, counting every call and naming the IPs", async () => {
    const { tenant, admin } = await tenantWithAdmin();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "ci runner" });
    const minute = Date.UTC(2026, 2, 1, 12, 0);
    for (let index = 0; index < 500; index++) recordThrottledDenial(tenant.id, token.id, index % 2 ? "203.0.113.7" : "198.51.100.4", minute + 1000 + index);
    await flushDenials();
    recordThrottledDenial(tenant.id, token.id, "192.0.2.9", minute + 50_000);
    await flushDenials();
    recordThrottledDenial(tenant.id, token.id, "203.0.113.7", minute + 61_000);
    await flushDenials();
    const entries = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "token.ipDenied" }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.id, entry.occurrences, entry.createdAt.getTime()])).toEqual([
      [denialEntryId(token.id, minute / 60_000), 501, minute],
      [denialEntryId(token.id, minute / 60_000 + 1), 1, minute + 60_000],
    ]);
    expect(JSON.parse(entries[0].details)).toMatchObject({ name: "ci runner", ips: ["198.51.100.4", "203.0.113.7", "192.0.2.9"] });
    const row = (await listAuditEvents(tenant.id, { action: "token.ipDenied" })).rows.at(-1)!;
    expect([row.activity, row.targetName, row.summary]).toEqual(["Calls refused by IP allowlist", "ci runner", "501 calls from 198.51.100.4, 203.0.113.7, 192.0.2.9"]);
  });
});
