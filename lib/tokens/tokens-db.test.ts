// Token data modules against a real, freshly migrated SQLite database.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { flushDueUses, lastUseWriteCount, recordTokenUse } from "@/lib/tokens/last-use-recorder";
import { flushAllRecorders } from "@/lib/throttled-recorder";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import type { UserActor } from "@/lib/actor";
import type { Role } from "@/lib/permissions";

const query = (overrides: Record<string, string> = {}) => tokenTableQuerySchema.parse(overrides);
const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });
const NOT_REVOCABLE = { code: "not_found", message: "That token does not exist, or you may not revoke it." };

async function tenantWithUsers() {
  const tenant = await createTenant({ slug: `u-${randomBytes(4).toString("hex")}`, name: "Unit" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const reader = await createUser({ tenantId: tenant.id, email: `reader@${tenant.slug}.test`, name: "Reader", role: "SECURITY_READER", password: "x".repeat(12) });
  return { tenant, admin, reader };
}

describe("listing and revoking API tokens", () => {
  let setup: Awaited<ReturnType<typeof tenantWithUsers>>;
  let other: Awaited<ReturnType<typeof tenantWithUsers>>;
  beforeAll(async () => {
    setup = await tenantWithUsers();
    other = await tenantWithUsers();
    await generateToken({ tenantId: setup.tenant.id, userId: setup.admin.id, kind: "API_TOKEN", name: "admin one" });
    await generateToken({ tenantId: setup.tenant.id, userId: setup.reader.id, kind: "API_TOKEN", name: "reader one" });
    await generateToken({ tenantId: setup.tenant.id, userId: setup.admin.id, kind: "SIEM_AGENT", name: "agent" });
    await generateToken({ tenantId: other.tenant.id, userId: other.admin.id, kind: "API_TOKEN", name: "other tenant" });
  });

  it("shows a full admin every API token of the tenant, and nothing else", async () => {
    const page = await listApiTokens(actorOf(setup.admin, "GLOBAL_ADMIN"), query());
    expect(page.rows.map((row) => row.name).sort()).toEqual(["admin one", "reader one"]);
    expect(page.rows.every((row) => row.canRevoke)).toBe(true);
  });

  it("shows anybody else only their own", async () => {
    const page = await listApiTokens(actorOf(setup.reader, "SECURITY_READER"), query());
    expect(page.rows.map((row) => row.name)).toEqual(["reader one"]);
  });

  it("lets nobody revoke another user's token unless full admin, nor another tenant's", async () => {
    const adminToken = (await db.apiToken.findFirstOrThrow({ where: { tenantId: setup.tenant.id, name: "admin one" } })).id;
    const foreign = (await db.apiToken.findFirstOrThrow({ where: { tenantId: other.tenant.id } })).id;
    await expect(revokeApiToken(actorOf(setup.reader, "SECURITY_READER"), adminToken)).rejects.toMatchObject(NOT_REVOCABLE);
    await expect(revokeApiToken(actorOf(setup.admin, "GLOBAL_ADMIN"), foreign)).rejects.toMatchObject(NOT_REVOCABLE);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: adminToken, tenantId: setup.tenant.id } })).revokedAt).toBeNull();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: foreign, tenantId: other.tenant.id } })).revokedAt).toBeNull();
  });

  it("drops a revoked token from the table and marks it revoked at once for the API", async () => {
    const token = await generateToken({ tenantId: setup.tenant.id, userId: setup.reader.id, kind: "API_TOKEN", name: "to revoke" });
    expect((await findTokenByValue(token.value))?.revoked).toBe(false);
    expect(await revokeApiToken(actorOf(setup.reader, "SECURITY_READER"), token.id)).toMatchObject({ name: "to revoke" });
    expect((await findTokenByValue(token.value))?.revoked).toBe(true);
    const page = await listApiTokens(actorOf(setup.reader, "SECURITY_READER"), query());
    expect(page.rows.map((row) => row.name)).not.toContain("to revoke");
  });
});

describe("last-use recording", () => {
  it("writes at most once per token per minute, and the first use at once", async () => {
    const { tenant, admin } = await tenantWithUsers();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "busy" });
    const before = lastUseWriteCount();
    const start = Date.now();
    for (let i = 0; i < 200; i++) recordTokenUse({ id: token.id, lastUsedAt: null }, { at: start + i, ip: "203.0.113.9", userAgent: "unit" });
    expect(lastUseWriteCount() - before).toBe(1);
    await expect.poll(async () => (await db.apiToken.findUniqueOrThrow({ where: { id: token.id, tenantId: tenant.id } })).lastUsedIp).toBe("203.0.113.9");
  });

  it("writes at most once a minute for the whole deployment: a use within a minute of the stored one changes nothing", async () => {
    const { tenant, admin } = await tenantWithUsers();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "shared" });
    const stored = async () => db.apiToken.findUniqueOrThrow({ where: { id: token.id, tenantId: tenant.id } });
    const start = Date.now();
    // Another instance wrote a use 30 s ago; this process has not seen it (its copy says never used).
    const otherInstance = new Date(start - 30_000);
    await db.apiToken.update({ where: { id: token.id, tenantId: tenant.id }, data: { lastUsedAt: otherInstance, lastUsedAgent: "other instance" } });
    recordTokenUse({ id: token.id, lastUsedAt: null }, { at: start, ip: "203.0.113.10", userAgent: "this instance" });
    await flushAllRecordersSoon();
    expect((await stored()).lastUsedAt?.getTime()).toBe(otherInstance.getTime());

    // A minute after the stored use, this instance's latest use is written.
    recordTokenUse({ id: token.id, lastUsedAt: null }, { at: start + 31_000, ip: "203.0.113.11", userAgent: "a minute later" });
    flushDueUses(start + 61_000);
    await expect.poll(async () => (await stored()).lastUsedAgent).toBe("a minute later");
  });

  it("writes the uses still held back when the process stops, whatever their minute", async () => {
    const { tenant, admin } = await tenantWithUsers();
    const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "stopping" });
    const start = Date.now();
    recordTokenUse({ id: token.id, lastUsedAt: null }, { at: start, ip: "203.0.113.12", userAgent: "first" });
    recordTokenUse({ id: token.id, lastUsedAt: null }, { at: start + 5_000, ip: "203.0.113.13", userAgent: "held back" });
    await flushAllRecorders();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id, tenantId: tenant.id } });
    expect(row.lastUsedAgent).toBe("held back");
    expect(row.lastUsedAt?.getTime()).toBe(start + 5_000);
  });
});

/** Waits for the writes this process has sent (none are pending in these tests' first step). */
async function flushAllRecordersSoon() {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await flushAllRecorders();
}
