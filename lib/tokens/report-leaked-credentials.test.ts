// The leaked-credential report against a real SQLite database: values that cannot be Keyport
// credentials cost no query at all (counted by a client extension, not timed), well-formed unknown
// values cost the same look-ups as real ones, and real ones are revoked with their audit entry.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { countQueries } from "@/lib/db/query-observer";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { newClientSecretValue, newTokenValue } from "@/lib/tokens/token-format";
import { reportLeakedCredentials } from "@/lib/tokens/report-leaked-credentials";
import { leakNoticesFor } from "@/lib/tokens/leak-notices";
import { handleLeakReport } from "@/lib/api/leak-report";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { addAppPermissions, createClientSecret, registerApp } from "@/lib/oauth/apps";

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
    expect(unknown.queries.map((query) => `${query.model}.${query.operation}`).sort()).toEqual(["ApiToken.findMany", "AppSecret.findMany"]);

    // The largest report is looked up in slices that fit SQLite's limit of bound parameters.
    const largest = await countQueries(() => handleLeakReport(reportRequest({ credentials: Array.from({ length: 1000 }, () => newTokenValue("API_TOKEN")) })));
    expect(largest.result.status).toBe(202);
    expect(largest.queries.filter((query) => query.model === "ApiToken")).toHaveLength(5);

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

  it("refuses a malformed body with 400 and never a 500", async () => {
    for (const body of ["not json", "[]", "null", { credentials: [] }, { credentials: "kpat_x" }, { credentials: [1] }, { credentials: Array(1001).fill("x") }, { other: 1 }]) {
      const response = await handleLeakReport(reportRequest(body, "198.51.100.99"));
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
    }
  });
});
