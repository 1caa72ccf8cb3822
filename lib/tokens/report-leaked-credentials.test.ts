// The leaked-credential report against a real SQLite database: values that cannot be Keyport
// credentials cost no query at all (counted by a client extension, not timed), well-formed unknown
// values cost the same one look-up as real ones whatever their number, real ones are revoked with
// their audit entry in a few statements per tenant, and the deployment's budget of values holds.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { countQueries } from "@/test-support/count-queries";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { newClientSecretValue, newTokenValue } from "@/lib/tokens/token-format";
import { reportCost, reportLeakedCredentials, sortReportedValues } from "@/lib/tokens/report-leaked-credentials";
import { leakNoticesFor } from "@/lib/tokens/leak-notices";
import { handleLeakReport } from "@/lib/api/leak-report";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { addAppPermissions, createClientSecret, registerApp } from "@/lib/oauth/apps";

vi.mock("@/lib/db/generated/client", async (original) => (await import("@/test-support/count-queries")).observedPrisma(original));
vi.mock("@/lib/db/generated-pg/client", async (original) => (await import("@/test-support/count-queries")).observedPrisma(original));
vi.mock("@/lib/db/direct-read", async (original) => (await import("@/test-support/count-queries")).observedDirectReads(original));

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `l-${randomBytes(4).toString("hex")}`, name: "Leaks" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenant, admin, actor: { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" as const } };
}

/** Looks like a token, but its checksum is wrong: the last character changed. */
function badChecksum(value: string): string {
  return value.slice(0, -1) + (value.endsWith("A") ? "B" : "A");
}

const GARBAGE = [
  "",
  "hunter2",
  "kpat_",
  "kpat_" + "A".repeat(49),
  badChecksum(newTokenValue("API_TOKEN")),
  badChecksum(newTokenValue("SIEM_AGENT")),
  badChecksum(newClientSecretValue()),
  "ghp_" + "a".repeat(36),
  newTokenValue("API_TOKEN").replace("kpat_", "kpxx_"),
  "x".repeat(500),
];

function reportRequest(body: unknown, ip = "198.51.100.7"): Request {
  return new Request("http://localhost/api/v1/credentials/revoke", {
    method: "POST",
    headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("reporting leaked credentials", () => {
  it("never touches the database for values that are not well-formed credentials", async () => {
    // The counter sees Prisma's queries (else "no query" below would hold whatever the code did).
    expect((await countQueries(() => db.tenant.count())).queries).toEqual([{ model: "Tenant", operation: "count" }]);
    const direct = await countQueries(() => reportLeakedCredentials(GARBAGE, { ip: "198.51.100.7" }));
    expect(direct.result).toEqual({ revoked: 0 });
    expect(direct.queries).toEqual([]);

    // The whole endpoint too: rate limit (in memory on SQLite), body, answer.
    const viaHttp = await countQueries(() => handleLeakReport(reportRequest({ credentials: GARBAGE })));
    expect(viaHttp.result.status).toBe(202);
    expect(await viaHttp.result.json()).toEqual({ status: "accepted" });
    expect(viaHttp.queries).toEqual([]);
  });

  it("looks well-formed unknown values up the same way as known ones, and answers the same", async () => {
    const unknown = await countQueries(() => handleLeakReport(reportRequest({ credentials: [newTokenValue("API_TOKEN"), newClientSecretValue()] })));
    expect(unknown.queries.map((query) => query.operation)).toEqual(["directRead"]);

    // The largest report costs the same one read, whatever its length (the list is bound as one parameter).
    const largest = await countQueries(() =>
      handleLeakReport(reportRequest({ credentials: Array.from({ length: 1000 }, (_, index) => (index % 2 ? newTokenValue("API_TOKEN") : newClientSecretValue())) })),
    );
    expect(largest.result.status).toBe(202);
    expect(largest.queries.map((query) => query.operation)).toEqual(["directRead"]);

    const { tenant, admin } = await tenantWithAdmin();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "pasted in a ticket" });
    const known = await handleLeakReport(reportRequest({ credentials: [token.value] }));
    const unknownAgain = await handleLeakReport(reportRequest({ credentials: [newTokenValue("API_TOKEN")] }));
    expect([known.status, await known.text()]).toEqual([unknownAgain.status, await unknownAgain.text()]);
  });

  it("revokes API, SIEM agent and log collector tokens, audited as reported leaked with the reporter's IP", async () => {
    const { tenant, admin } = await tenantWithAdmin();
    const made = await Promise.all(
      (["API_TOKEN", "SIEM_AGENT", "LOG_COLLECTOR"] as const).map((kind) => generateToken({ tenantId: tenant.id, userId: admin.id, kind, name: `leaked ${kind}` })),
    );
    const result = await reportLeakedCredentials([...made.map((token) => ` ${token.value} `), made[0].value, "garbage"], { ip: "203.0.113.9" });
    expect(result).toEqual({ revoked: 3 });
    for (const token of made) {
      expect((await findTokenByValue(token.value))?.revoked).toBe(true);
      const entries = await db.auditEvent.findMany({ where: { tenantId: tenant.id, targetId: token.id, action: "token.reportedLeaked" } });
      expect(entries).toHaveLength(1);
      expect(entries[0].actorUserId).toBeNull();
      expect(JSON.parse(entries[0].details)).toMatchObject({ via: "leak_report", reporterIp: "203.0.113.9", matched: "current value" });
    }
    // Reported again: nothing more to revoke, nothing more written.
    expect(await reportLeakedCredentials([made[0].value], { ip: "203.0.113.9" })).toEqual({ revoked: 0 });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, targetId: made[0].id, action: "token.reportedLeaked" } })).toBe(1);
    // The owner is told.
    const notices = await leakNoticesFor({ tenantId: tenant.id, userId: admin.id }, null);
    expect(notices.map((notice) => notice.name).sort()).toEqual(made.map((token) => token.name).sort());
    expect(await leakNoticesFor({ tenantId: tenant.id, userId: admin.id }, Date.now() + 1000)).toEqual([]);
  });

  it("revokes a token by the value a rotation replaced while its grace period runs, not after", async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    const graced = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "graced" });
    await rotateApiToken(actor, graced.id, { graceSeconds: 3600 });
    expect(await reportLeakedCredentials([graced.value], { ip: null })).toEqual({ revoked: 1 });

    const ended = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "grace over" });
    await rotateApiToken(actor, ended.id, { graceSeconds: 3600 });
    await db.apiToken.update({ where: { id: ended.id, tenantId: tenant.id }, data: { previousValidUntil: new Date(Date.now() - 1000) } });
    expect(await reportLeakedCredentials([ended.value], { ip: null })).toEqual({ revoked: 0 });
  });

  it("deletes a reported client secret, audited on its app", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const app = await registerApp(actor, { name: "Exporter", multiTenant: false });
    await addAppPermissions(actor, app.id, ["Investigation.read"]);
    const secret = await createClientSecret(actor, app.id, { description: "ci", months: 6 });
    expect(await reportLeakedCredentials([secret.value], { ip: "192.0.2.1" })).toEqual({ revoked: 1 });
    expect(await db.appSecret.count({ where: { id: secret.id } })).toBe(0);
    const entry = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, targetId: app.id, action: "app.secretReportedLeaked" } });
    expect(JSON.parse(entry.details)).toMatchObject({ secretId: secret.id, reporterIp: "192.0.2.1" });
  });

  it("counts and hashes a value named twice once (blanks and quotes around it too)", () => {
    const token = newTokenValue("API_TOKEN");
    const secret = newClientSecretValue();
    const sorted = sortReportedValues([token, ` ${token} `, `"${token}"`, `'${token}'`, ...Array(500).fill(token), secret, secret, "garbage", badChecksum(token)]);
    expect(sorted).toEqual({ tokens: [token], clientSecrets: [secret] });
    expect(reportCost(sorted)).toBe(2);
  });

  it("revokes many tokens of a report with a few statements per tenant, not a few per token", async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    // Nothing listens there: the deliveries wait in the outbox, which is what is counted.
    await createWebhook(actor, { url: "http://127.0.0.1:9/leaks", description: "", events: ["token.leaked"] }, "unit-test-app-secret");
    const made = [
      ...(await Promise.all(Array.from({ length: 120 }, (_, index) => generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: `bulk ${index}` })))),
      ...(await Promise.all(Array.from({ length: 5 }, (_, index) => generateToken({ tenantId: other.tenant.id, userId: other.admin.id, kind: "SIEM_AGENT", name: `other ${index}` })))),
    ];
    const noise = Array.from({ length: 800 }, () => newTokenValue("API_TOKEN"));
    const { result, queries } = await countQueries(() => reportLeakedCredentials([...noise, ...made.map((token) => token.value)], { ip: "203.0.113.5" }));
    expect(result).toEqual({ revoked: 125 });
    // One read; then per tenant and per 100 tokens an update, an audit insert and the webhook outbox.
    expect(queries.length).toBeLessThanOrEqual(1 + 2 * 2 * 4);
    for (const token of [made[0], made[119], made[124]]) expect((await findTokenByValue(token.value))?.revoked).toBe(true);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "token.reportedLeaked" } })).toBe(120);
    expect(await db.auditEvent.count({ where: { tenantId: other.tenant.id, action: "token.reportedLeaked" } })).toBe(5);
    expect(await db.webhookDelivery.count({ where: { tenantId: tenant.id, eventType: "token.leaked" } })).toBe(120);
  });

  it("refuses reports beyond the deployment's budget of values a minute, from any address; garbage and repeats cost nothing", async () => {
    // A budget of its own for this test (limiters are per setting): 37 values a minute.
    vi.stubEnv("KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE", "37");
    try {
      const one = newTokenValue("API_TOKEN");
      // 1000 copies of one value are one value: five such reports cost 5.
      for (let index = 0; index < 5; index++) expect((await handleLeakReport(reportRequest({ credentials: Array(1000).fill(one) }, `198.51.100.${index + 1}`))).status).toBe(202);
      const tenValues = () => ({ credentials: Array.from({ length: 10 }, () => newTokenValue("LOG_COLLECTOR")) });
      for (let index = 0; index < 3; index++) expect((await handleLeakReport(reportRequest(tenValues(), `203.0.113.${index + 1}`))).status).toBe(202);
      // 35 spent: ten more would pass 37, from whichever address.
      const refused = await handleLeakReport(reportRequest(tenValues(), "192.0.2.200"));
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      // A refused report revokes nothing.
      const { tenant, admin } = await tenantWithAdmin();
      const live = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "over budget" });
      const tooMany = await countQueries(() => handleLeakReport(reportRequest({ credentials: [live.value, ...Array.from({ length: 9 }, () => newTokenValue("API_TOKEN"))] }, "192.0.2.201")));
      expect(tooMany.result.status).toBe(429);
      expect(tooMany.queries).toEqual([]);
      expect((await findTokenByValue(live.value))?.revoked).toBe(false);
      // Values that cannot be credentials still cost nothing, and are still answered.
      expect((await handleLeakReport(reportRequest({ credentials: GARBAGE }, "192.0.2.202"))).status).toBe(202);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a malformed body with 400 and never a 500", async () => {
    for (const body of ["not json", "[]", "null", { credentials: [] }, { credentials: "kpat_x" }, { credentials: [1] }, { credentials: Array(1001).fill("x") }, { other: 1 }]) {
      const response = await handleLeakReport(reportRequest(body, "198.51.100.99"));
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
    }
  });
});
