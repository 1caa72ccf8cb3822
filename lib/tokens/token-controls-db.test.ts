// Token controls against a real, freshly migrated SQLite database: expiry within the tenant's policy,
// narrowed scopes, allowed IP ranges, rotation with a grace period, bulk and offboarding revocation,
// the policy's list of older tokens and a token's details. Times are passed in, never waited for.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import { SCOPES, type Role } from "@/lib/permissions";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { countOwnTokensExpiringSoon, listApiTokenPage, listApiTokens, tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { buildListQuery, type ListRequest } from "@/lib/resources/list-query";
import { revokeAllTokensOfUser, revokeApiTokens } from "@/lib/tokens/revoke-token";
import { rotateApiToken, rotateOwnToken } from "@/lib/tokens/rotate-token";
import { getTokenPolicy, listTokensBeyondPolicy, setTokenPolicy } from "@/lib/tokens/token-policy";
import { getApiTokenDetails } from "@/lib/tokens/token-details";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import { DAY_MS } from "@/lib/tokens/expiry";
import { createIntegration, rotateIntegrationToken } from "@/lib/integrations/integrations";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

async function tenantWithUsers() {
  // No maximum lifetime to start from (as the demo tenants), so tokens that never expire can be made.
  const tenant = await createTenant({ slug: `c-${randomBytes(4).toString("hex")}`, name: "Controls", maxTokenLifetimeDays: null });
  const make = async (role: Role, local: string) =>
    actorOf(await createUser({ tenantId: tenant.id, email: `${local}@${tenant.slug}.test`, name: local, role, password: "x".repeat(12) }), role);
  return { tenant, admin: await make("GLOBAL_ADMIN", "admin"), operator: await make("SECURITY_OPERATOR", "operator"), reader: await make("SECURITY_READER", "reader") };
}

/** A calling token that holds everything, from anywhere, for ever. */
const ceilingOf = (tokenId: string) => ({ tokenId, scopes: SCOPES, allowedIps: [], expiresAt: null, replacedValue: false });

const rowOf = (id: string, tenantId: string) => db.apiToken.findUniqueOrThrow({ where: { id, tenantId } });

describe("a new API token", () => {
  let t: Awaited<ReturnType<typeof tenantWithUsers>>;
  beforeAll(async () => {
    t = await tenantWithUsers();
  });

  it("expires in 30 days by default, holds its issuer's whole role and works from anywhere", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const { token, value } = await createApiToken(t.operator, { name: "defaults" }, { now });
    expect(token).toEqual({
      id: token.id,
      name: "defaults",
      createdBy: { email: t.operator.label },
      createdAt: now.getTime(),
      lastUsedAt: null,
      lastUsedIp: null,
      status: "generated",
      expiresAt: now.getTime() + 30 * DAY_MS,
      scopes: null,
      allowedIps: [],
      description: null,
      serviceAccount: null,
    });
    expect((await listApiTokenPage(t.operator, buildListQuery({ filters: { id: { eq: [token.id] } } }, tokenListSpec(now)), { now })).data).toEqual([token]);
    const found = await findTokenByValue(value);
    expect(found).toMatchObject({ expiresAt: now.getTime() + 30 * DAY_MS, chosenScopes: null, allowedRanges: [], replaced: null });
  });

  it("keeps the scopes chosen below the role and the allowed ranges in canonical form", async () => {
    const { token } = await createApiToken(t.admin, { name: "narrow", scopes: ["Settings.read", "Investigation.read"], allowedIps: ["::ffff:10.1.0.0/112", "2001:DB8::/32"], expiration: { kind: "never" } });
    expect(token).toMatchObject({ scopes: ["Investigation.read", "Settings.read"], allowedIps: ["10.1.0.0/16", "2001:db8::/32"], expiresAt: null });
  });

  it("reports every invalid field at once, and refuses a scope beyond the role as forbidden", async () => {
    await expect(createApiToken(t.reader, { name: "bad", expiration: { kind: "days", days: 0 }, scopes: [], allowedIps: ["nope"] })).rejects.toMatchObject({
      code: "invalid_request",
      details: { expiration: [expect.any(String)], scopes: ["Choose at least one scope."], allowedIps: [expect.stringContaining('"nope"')] },
    });
    await expect(createApiToken(t.reader, { name: "wider", scopes: ["Investigation.manage"] })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.apiToken.count({ where: { tenantId: t.tenant.id, name: { in: ["bad", "wider"] } } })).toBe(0);
  });

  it("stays within the tenant's maximum lifetime, set by a full admin only and audited", async () => {
    const other = await tenantWithUsers();
    await expect(setTokenPolicy(other.operator, 90)).rejects.toMatchObject({ code: "forbidden" });
    expect(await setTokenPolicy(other.admin, 90)).toEqual({ changed: true, maxLifetimeDays: 90 });
    expect(await getTokenPolicy(other.tenant.id)).toEqual({ maxLifetimeDays: 90 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: other.tenant.id, action: "tokenPolicy.changed" } });
    expect(JSON.parse(audit.details)).toEqual({ maximumLifetime: { from: "No maximum", to: "90 days" } });
    await expect(createApiToken(other.admin, { name: "forever", expiration: { kind: "never" } })).rejects.toMatchObject({ code: "invalid_request", details: { expiration: [expect.stringContaining("at most 90 days")] } });
    await expect(createApiToken(other.admin, { name: "year", expiration: { kind: "days", days: 365 } })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(createApiToken(other.admin, { name: "quarter", expiration: { kind: "days", days: 90 } })).resolves.toMatchObject({ token: { name: "quarter" } });
    // The first tenant's policy is untouched.
    expect(await getTokenPolicy(t.tenant.id)).toEqual({ maxLifetimeDays: null });
  });
});

describe("rotation", () => {
  let t: Awaited<ReturnType<typeof tenantWithUsers>>;
  beforeAll(async () => {
    t = await tenantWithUsers();
  });

  it("with a grace period: same row and settings, a fresh lifetime, the old value accepted until the grace ends", async () => {
    const made = new Date("2026-11-01T00:00:00Z");
    const created = await createApiToken(t.operator, { name: "rolling", expiration: { kind: "days", days: 7 }, scopes: ["Investigation.manage"], allowedIps: ["203.0.113.0/24"] }, { now: made });
    const now = new Date("2026-11-03T00:00:00Z");
    const rotated = await rotateApiToken(t.operator, created.token.id, { graceSeconds: 3600, now });
    expect(rotated).toMatchObject({ id: created.token.id, name: "rolling", expiresAt: new Date(now.getTime() + 7 * DAY_MS), previousValidUntil: new Date(now.getTime() + 3_600_000), cappedByPolicy: false });
    expect(rotated.token).toMatchObject({ id: created.token.id, scopes: ["Investigation.manage"], allowedIps: ["203.0.113.0/24"] });
    expect(await db.apiToken.count({ where: { tenantId: t.tenant.id, name: "rolling" } })).toBe(1);

    const old = await findTokenByValue(created.value);
    expect(old).toMatchObject({ id: created.token.id, replaced: { validUntil: now.getTime() + 3_600_000 } });
    expect(await findTokenByValue(rotated.value)).toMatchObject({ id: created.token.id, replaced: null });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenant.id, targetId: created.token.id, action: "token.rotated" } });
    expect(JSON.parse(audit.details)).toMatchObject({ name: "rolling", gracePeriodSeconds: 3600 });

    // Rotating again ends the earlier value's grace at once.
    const again = await rotateApiToken(t.operator, created.token.id, { graceSeconds: 0, now });
    expect(again.previousValidUntil).toBeNull();
    expect(await findTokenByValue(created.value)).toBeNull();
    expect(await findTokenByValue(rotated.value)).toBeNull();
  });

  it("never lets the old value outlive its own expiry, and is capped by the policy", async () => {
    const other = await tenantWithUsers();
    const made = new Date("2026-01-01T00:00:00Z");
    const created = await createApiToken(other.admin, { name: "yearly", expiration: { kind: "days", days: 365 } }, { now: made });
    await setTokenPolicy(other.admin, 30);
    const now = new Date(made.getTime() + 365 * DAY_MS - 3_600_000);
    const rotated = await rotateApiToken(other.admin, created.token.id, { graceSeconds: 604_800, now });
    expect(rotated.previousValidUntil).toEqual(new Date(made.getTime() + 365 * DAY_MS));
    expect(rotated.expiresAt).toEqual(new Date(now.getTime() + 30 * DAY_MS));
    expect(rotated.cappedByPolicy).toBe(true);
    expect((await rowOf(created.token.id, other.tenant.id)).lifetimeSeconds).toBe(30 * 86_400);
  });

  it("reaches only the tokens the actor may manage", async () => {
    const other = await tenantWithUsers();
    const adminToken = await createApiToken(t.admin, { name: "admin's" });
    const foreign = await createApiToken(other.admin, { name: "foreign" });
    const refusal = { code: "not_found", message: "That token does not exist, or you may not rotate it." };
    await expect(rotateApiToken(t.reader, adminToken.token.id, { graceSeconds: 0 })).rejects.toMatchObject(refusal);
    await expect(rotateApiToken(t.admin, foreign.token.id, { graceSeconds: 0 })).rejects.toMatchObject(refusal);
    expect(await findTokenByValue(adminToken.value)).toMatchObject({ replaced: null });
    expect(await findTokenByValue(foreign.value)).toMatchObject({ replaced: null });
    // A full admin rotates anyone's token of the tenant; anybody rotates the credential they call with.
    const readerToken = await createApiToken(t.reader, { name: "reader's" });
    await expect(rotateApiToken(t.admin, readerToken.token.id, { graceSeconds: 0 })).resolves.toMatchObject({ name: "reader's" });
    await expect(rotateOwnToken(t.admin, { ...ceilingOf(adminToken.token.id), tenantId: t.tenant.id }, { graceSeconds: 0 })).resolves.toMatchObject({ name: "admin's" });
    await expect(rotateApiToken(t.admin, readerToken.token.id, { graceSeconds: 604_801 })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("works the same for SIEM agents and log collectors", async () => {
    const agent = await createIntegration(t.admin, "SIEM_AGENT", { name: "agent", expiration: { kind: "days", days: 60 } });
    expect(agent.expiresAt).not.toBeNull();
    const rotated = await rotateIntegrationToken(t.admin, "SIEM_AGENT", agent.id, { graceSeconds: 86_400 });
    expect(rotated.previousValidUntil).not.toBeNull();
    expect(await findTokenByValue(agent.value)).toMatchObject({ kind: "SIEM_AGENT", replaced: { validUntil: rotated.previousValidUntil!.getTime() } });
    await expect(rotateIntegrationToken(t.admin, "LOG_COLLECTOR", agent.id, { graceSeconds: 0 })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("revoking several tokens", () => {
  it("is all or nothing: one token the actor may not revoke and nothing is revoked", async () => {
    const t = await tenantWithUsers();
    const mine = await Promise.all(["one", "two"].map((name) => createApiToken(t.reader, { name })));
    const notMine = await createApiToken(t.operator, { name: "operator's" });
    await expect(revokeApiTokens(t.reader, [...mine.map((m) => m.token.id), notMine.token.id])).rejects.toMatchObject({ code: "not_found" });
    for (const token of [...mine, notMine]) expect((await rowOf(token.token.id, t.tenant.id)).revokedAt).toBeNull();
    expect(await revokeApiTokens(t.reader, mine.map((m) => m.token.id))).toEqual({ names: expect.arrayContaining(["one", "two"]) });
    for (const token of mine) expect((await findTokenByValue(token.value))?.revoked).toBe(true);
    expect(await db.auditEvent.count({ where: { tenantId: t.tenant.id, action: "token.revoked", targetId: { in: mine.map((m) => m.token.id) } } })).toBe(2);
  });

  it("offboards a user: every live API token of theirs, audited with the count, for full admins of the tenant only", async () => {
    const t = await tenantWithUsers();
    const other = await tenantWithUsers();
    const theirs = await Promise.all(["a", "b", "c"].map((name) => createApiToken(t.operator, { name })));
    const kept = await createApiToken(t.reader, { name: "someone else's" });
    await expect(revokeAllTokensOfUser(t.operator, t.operator.userId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeAllTokensOfUser(other.admin, t.operator.userId)).rejects.toMatchObject({ code: "not_found" });
    expect(await revokeAllTokensOfUser(t.admin, t.operator.userId)).toEqual({ userName: "operator", count: 3 });
    for (const token of theirs) expect((await findTokenByValue(token.value))?.revoked).toBe(true);
    expect((await findTokenByValue(kept.value))?.revoked).toBe(false);
    const summary = await db.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenant.id, action: "user.tokensRevoked" } });
    expect(JSON.parse(summary.details)).toMatchObject({ count: 3 });
  });
});

describe("expiry in the table, the API list and the policy page", () => {
  it("lists Expired tokens under their own filter and counts the actor's tokens expiring this week", async () => {
    const t = await tenantWithUsers();
    const now = new Date("2026-11-23T12:00:00Z");
    const soon = await createApiToken(t.reader, { name: "soon", expiration: { kind: "days", days: 7 } }, { now });
    await createApiToken(t.reader, { name: "later", expiration: { kind: "days", days: 30 } }, { now });
    const old = await createApiToken(t.reader, { name: "expired", expiration: { kind: "days", days: 7 } }, { now: new Date(now.getTime() - 8 * DAY_MS) });
    await createApiToken(t.operator, { name: "not mine", expiration: { kind: "days", days: 7 } }, { now });

    const query = (status: string) => tokenTableQuerySchema.parse({ status });
    expect((await listApiTokens(t.reader, query("Expired"), now)).rows.map((row) => row.name)).toEqual(["expired"]);
    expect((await listApiTokens(t.reader, query("Generated"), now)).rows.map((row) => row.name).sort()).toEqual(["later", "soon"]);
    const all = await listApiTokens(t.reader, query("All"), now);
    expect(all.rows.find((row) => row.name === "soon")).toMatchObject({ expiresSoon: true, status: "Generated", scopesSummary: "All of Security reader" });
    expect(all.rows.find((row) => row.name === "expired")).toMatchObject({ expiresSoon: false, status: "Expired" });
    expect(await countOwnTokensExpiringSoon(t.reader, now)).toBe(1);
    // As the tokens API lists them: the list request's filters, skip and limit.
    const apiPage = (actor: UserActor, request: ListRequest) => listApiTokenPage(actor, buildListQuery(request, tokenListSpec(now)), { now });
    expect(await apiPage(t.reader, { filters: { status: { eq: ["expired"] } } })).toEqual({ data: [expect.objectContaining({ id: old.token.id, status: "expired" })], hasNext: false, total: 1 });
    expect((await apiPage(t.admin, { skip: 0, limit: 2 })).hasNext).toBe(true);
    expect(soon.token.expiresAt).toBe(now.getTime() + 7 * DAY_MS);
  });

  it("shows the full admin the tokens made before a stricter policy", async () => {
    const t = await tenantWithUsers();
    const forever = await createApiToken(t.operator, { name: "forever", expiration: { kind: "never" } });
    const year = await createApiToken(t.admin, { name: "year", expiration: { kind: "days", days: 365 } });
    await createApiToken(t.admin, { name: "month", expiration: { kind: "days", days: 30 } });
    const agent = await createIntegration(t.admin, "SIEM_AGENT", { name: "agent", expiration: { kind: "never" } });
    await setTokenPolicy(t.admin, 90);
    const beyond = await listTokensBeyondPolicy(t.admin, 90);
    expect(beyond.total).toBe(3);
    expect(beyond.rows.map((row) => row.id).sort()).toEqual([forever.token.id, year.token.id, agent.id].sort());
    expect(beyond.rows.at(-1)).toMatchObject({ name: "year", expiresAt: expect.any(String) });
    await expect(listTokensBeyondPolicy(t.reader, 90)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("a token's details", () => {
  it("say what it may do now and why, its rotations and its audit entries, to its owner or a full admin only", async () => {
    const t = await tenantWithUsers();
    const { token } = await createApiToken(t.operator, { name: "detailed", scopes: ["Investigation.manage", "Settings.read"] });
    await rotateApiToken(t.operator, token.id, { graceSeconds: 3600 });
    await db.user.update({ where: { id: t.operator.userId, tenantId: t.tenant.id }, data: { role: "SECURITY_READER" } });

    const details = await getApiTokenDetails(t.admin, token.id);
    expect(details.scopes).toEqual({
      role: ["Investigation.read", "Discovery.read", "Settings.read"],
      chosen: ["Investigation.manage", "Settings.read"],
      effective: ["Settings.read"],
      chosenButNotInRole: ["Investigation.manage"],
    });
    expect(details.issuer).toMatchObject({ roleLabel: "Security reader" });
    expect(details.rotations).toHaveLength(1);
    expect(details.rotation.previousValidUntil).not.toBeNull();
    expect(details.audit.map((entry) => entry.action)).toEqual(["token.rotated", "token.generated"]);
    expect(details.canManage).toBe(true);
    await expect(getApiTokenDetails(t.reader, token.id)).rejects.toMatchObject({ code: "not_found" });
    const other = await tenantWithUsers();
    await expect(getApiTokenDetails(other.admin, token.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
