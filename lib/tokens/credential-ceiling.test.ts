// A credential never obtains a stronger one, against a real database: what a calling token makes or
// rotates through the API stays within its scopes, its IP ranges and its lifetime, and a value that a
// rotation replaced manages no tokens. The weakest callers the API allows are tried, not the admin.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import type { Role, Scope } from "@/lib/permissions";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { rotateApiToken, rotateOwnToken } from "@/lib/tokens/rotate-token";
import { lifetimeWithinCeiling, type CredentialCeiling } from "@/lib/tokens/credential-ceiling";
import { DAY_MS } from "@/lib/tokens/expiry";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `cc-${randomBytes(4).toString("hex")}`, name: "Ceiling", maxTokenLifetimeDays: null });
  const user = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const operator = await createUser({ tenantId: tenant.id, email: `operator@${tenant.slug}.test`, name: "operator", role: "SECURITY_OPERATOR", password: "x".repeat(12) });
  return { tenant, admin: actorOf(user, "GLOBAL_ADMIN"), operator: actorOf(operator, "SECURITY_OPERATOR") };
}

/** The ceiling of a token as the API guard would see it. */
function ceiling(tokenId: string, options: { scopes: Scope[]; allowedIps?: string[]; expiresAt?: Date | null; replacedValue?: boolean }): CredentialCeiling {
  return { tokenId, scopes: options.scopes, allowedIps: options.allowedIps ?? [], expiresAt: options.expiresAt ?? null, replacedValue: options.replacedValue ?? false };
}

const FORBIDDEN = { code: "forbidden" };

describe("a token made by a token", () => {
  let t: Awaited<ReturnType<typeof tenantWithAdmin>>;
  beforeAll(async () => {
    t = await tenantWithAdmin();
  });

  it("never expires later than its maker: no expiry, or a long one, is shortened to the maker's expiry", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const makerExpiry = new Date(now.getTime() + DAY_MS);
    const maker = ceiling("maker", { scopes: ["Settings.manage", "Investigation.read"], expiresAt: makerExpiry });
    for (const expiration of [{ kind: "never" as const }, { kind: "days" as const, days: 3650 }, { kind: "days" as const, days: 2 }, undefined]) {
      const made = await createApiToken(t.admin, { name: `outliving ${expiration?.kind ?? "default"}`, expiration }, { credential: maker, now, via: "api" });
      expect(made.token.expiresAt, JSON.stringify(expiration)).toBe(makerExpiry.getTime());
    }
    // Shorter than the maker: kept as asked.
    const short = await createApiToken(t.admin, { name: "shorter", expiration: { kind: "days", days: 1 }, scopes: ["Investigation.read"] }, { credential: { ...maker, expiresAt: new Date(now.getTime() + 2 * DAY_MS) }, now });
    expect(short.token.expiresAt).toBe(now.getTime() + DAY_MS);
  });

  it("is refused to a value a rotation replaced, even during its grace period", async () => {
    const replaced = ceiling("old", { scopes: ["Settings.manage"], replacedValue: true });
    await expect(createApiToken(t.admin, { name: "from the old value", expiration: { kind: "never" } }, { credential: replaced })).rejects.toMatchObject(FORBIDDEN);
  });
});

describe("rotating through the API", () => {
  let t: Awaited<ReturnType<typeof tenantWithAdmin>>;
  beforeAll(async () => {
    t = await tenantWithAdmin();
  });

  it("refuses a narrowed token that would take over an unrestricted token of its tenant", async () => {
    const victim = await createApiToken(t.admin, { name: "unrestricted admin token" });
    const narrow = await createApiToken(t.admin, { name: "narrow", scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] });
    const caller = ceiling(narrow.token.id, { scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] });
    await expect(rotateApiToken(t.admin, victim.token.id, { graceSeconds: 604_800, credential: caller, via: "api" })).rejects.toMatchObject({
      ...FORBIDDEN,
      message: expect.stringContaining("Investigation.read"),
    });
    // Nothing changed: the victim's value still works, no grace period was started.
    expect(await findTokenByValue(victim.value)).toMatchObject({ replaced: null, revoked: false });
  });

  it("refuses a target of the same scopes that reaches further, and allows one within the caller's reach", async () => {
    const caller = ceiling("caller", { scopes: ["Investigation.read", "Settings.manage"], allowedIps: ["10.0.0.0/8"] });
    const anywhere = await createApiToken(t.admin, { name: "anywhere", scopes: ["Investigation.read"] });
    await expect(rotateApiToken(t.admin, anywhere.token.id, { graceSeconds: 0, credential: caller })).rejects.toMatchObject({ ...FORBIDDEN, message: expect.stringContaining("any address") });
    const elsewhere = await createApiToken(t.admin, { name: "elsewhere", scopes: ["Investigation.read"], allowedIps: ["10.1.0.0/16", "192.0.2.0/24"] });
    await expect(rotateApiToken(t.admin, elsewhere.token.id, { graceSeconds: 0, credential: caller })).rejects.toMatchObject({ ...FORBIDDEN, message: expect.stringContaining("192.0.2.0/24") });
    const within = await createApiToken(t.admin, { name: "within", scopes: ["Investigation.read"], allowedIps: ["10.1.0.0/16"] });
    await expect(rotateApiToken(t.admin, within.token.id, { graceSeconds: 0, credential: caller })).resolves.toMatchObject({ name: "within" });
  });

  it("judges the target by its effective scopes: an operator's token narrowed by its role is within a caller holding the operator's scopes", async () => {
    const operatorsToken = await createApiToken(t.operator, { name: "operator's" });
    const caller = ceiling("caller", { scopes: ["Investigation.manage", "Discovery.manage", "Settings.read", "Settings.manage"] });
    await expect(rotateApiToken(t.admin, operatorsToken.token.id, { graceSeconds: 0, credential: caller })).resolves.toMatchObject({ name: "operator's" });
  });

  it("shortens the fresh lifetime to the caller's own expiry", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const target = await createApiToken(t.admin, { name: "yearly", scopes: ["Investigation.read"], expiration: { kind: "days", days: 365 } }, { now });
    const callerExpiry = new Date(now.getTime() + DAY_MS);
    const rotated = await rotateApiToken(t.admin, target.token.id, { graceSeconds: 0, now, credential: ceiling("caller", { scopes: ["Investigation.read", "Settings.manage"], expiresAt: callerExpiry }) });
    expect(rotated.expiresAt?.getTime()).toBe(callerExpiry.getTime());
    expect(rotated.token.expiresAt).toBe(callerExpiry.getTime());
  });

  it("a replaced value rotates nothing, revokes nothing and cannot rotate itself; the current value can", async () => {
    const own = await createApiToken(t.admin, { name: "rolling", expiration: { kind: "days", days: 1 } });
    const other = await createApiToken(t.admin, { name: "another", scopes: ["Investigation.read"] });
    const rotated = await rotateApiToken(t.admin, own.token.id, { graceSeconds: 3600 });
    expect(await findTokenByValue(own.value)).toMatchObject({ replaced: { validUntil: expect.any(Number) } });
    const old = { ...ceiling(own.token.id, { scopes: ["Settings.manage", "Investigation.read"], replacedValue: true }), tenantId: t.tenant.id };
    await expect(rotateOwnToken(t.admin, old, { graceSeconds: 0 })).rejects.toMatchObject(FORBIDDEN);
    await expect(rotateApiToken(t.admin, own.token.id, { graceSeconds: 0, credential: old })).rejects.toMatchObject(FORBIDDEN);
    await expect(rotateApiToken(t.admin, other.token.id, { graceSeconds: 0, credential: old })).rejects.toMatchObject(FORBIDDEN);
    await expect(revokeApiToken(t.admin, other.token.id, { credential: old })).rejects.toMatchObject(FORBIDDEN);
    expect(await findTokenByValue(rotated.value)).toMatchObject({ replaced: null, revoked: false });
    // The current value rotates itself, renewing its own lifetime (by id too).
    const now = new Date();
    const renewed = await rotateApiToken(t.admin, own.token.id, { graceSeconds: 0, now, credential: { ...old, replacedValue: false, expiresAt: new Date(now.getTime() + 1000) } });
    expect(renewed.expiresAt?.getTime()).toBe(now.getTime() + DAY_MS);
  });
});

describe("lifetimeWithinCeiling", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it("keeps a lifetime that ends first, shortens one that ends later or never, and ignores an unbounded caller", () => {
    const end = new Date(now.getTime() + 1000 * 3600);
    expect(lifetimeWithinCeiling({ expiresAt: new Date(now.getTime() + 60_000), lifetimeSeconds: 60 }, { expiresAt: end }, now)).toMatchObject({ lifetimeSeconds: 60, cappedByCaller: false });
    expect(lifetimeWithinCeiling({ expiresAt: null, lifetimeSeconds: null }, { expiresAt: end }, now)).toEqual({ expiresAt: end, lifetimeSeconds: 3600, cappedByCaller: true });
    expect(lifetimeWithinCeiling({ expiresAt: null, lifetimeSeconds: null }, { expiresAt: null }, now)).toEqual({ expiresAt: null, lifetimeSeconds: null, cappedByCaller: false });
    expect(lifetimeWithinCeiling({ expiresAt: null, lifetimeSeconds: null }, undefined, now)).toMatchObject({ cappedByCaller: false });
  });
});
