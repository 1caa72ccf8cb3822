// Safer defaults against a real database: a new tenant allows tokens of at most a year, a rotation can
// choose a new expiry within the policy, a token keeps a description, and "Generate a replacement" starts
// from the replaced token's own settings, for its owner only.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import type { Role } from "@/lib/permissions";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { replacementTemplate, sameExpirationChoice } from "@/lib/tokens/replacement";
import { ownTokensNamed } from "@/lib/tokens/list-api-tokens";
import { DAY_MS } from "@/lib/tokens/expiry";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

async function newTenant() {
  const tenant = await createTenant({ slug: `s-${randomBytes(4).toString("hex")}`, name: "Safer" });
  const make = async (role: Role, local: string) => actorOf(await createUser({ tenantId: tenant.id, email: `${local}@${tenant.slug}.test`, name: local, role, password: "x".repeat(12) }), role);
  return { tenant, admin: await make("GLOBAL_ADMIN", "admin"), operator: await make("SECURITY_OPERATOR", "operator") };
}

describe("a new tenant's token defaults", () => {
  let t: Awaited<ReturnType<typeof newTenant>>;
  beforeAll(async () => {
    t = await newTenant();
  });

  it("allows a lifetime of at most 1 year, so no token is made without an expiry", async () => {
    expect(await getTokenPolicy(t.tenant.id)).toEqual({ maxLifetimeDays: 365 });
    await expect(createApiToken(t.operator, { name: "forever", expiration: { kind: "never" } })).rejects.toMatchObject({ code: "invalid_request", details: { expiration: [expect.stringContaining("at most 1 year")] } });
    const { token } = await createApiToken(t.operator, { name: "year", expiration: { kind: "days", days: 365 } });
    expect(token.expiresAt).not.toBeNull();
  });

  it("rotates to a chosen expiry within the policy, and refuses one beyond it", async () => {
    const now = new Date();
    const made = await createApiToken(t.operator, { name: "rotate me", expiration: { kind: "days", days: 7 } }, { now });
    const rotated = await rotateApiToken(t.operator, made.token.id, { graceSeconds: 3600, expiration: { kind: "days", days: 90 }, now });
    expect(rotated.expiresAt!.getTime()).toBe(now.getTime() + 90 * DAY_MS);
    expect(rotated.cappedByPolicy).toBe(false);
    await expect(rotateApiToken(t.operator, made.token.id, { graceSeconds: 0, expiration: { kind: "never" } })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(rotateApiToken(t.operator, made.token.id, { graceSeconds: 0, expiration: { kind: "days", days: 400 } })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("keeps a description, counts a name already in use, and offers a replacement with the same settings to its owner only", async () => {
    const made = await createApiToken(t.operator, { name: "Nightly export", description: "The SIEM's nightly pull", expiration: { kind: "days", days: 90 }, scopes: ["Investigation.manage"], allowedIps: ["203.0.113.0/24"] });
    expect(made.token.description).toBe("The SIEM's nightly pull");
    expect(await ownTokensNamed(t.operator, " Nightly export ")).toBe(1);
    expect(await ownTokensNamed(t.admin, "Nightly export")).toBe(0);
    expect(await replacementTemplate(t.operator, made.token.id, 365)).toEqual({
      replaces: { id: made.token.id, name: "Nightly export" },
      name: "Nightly export",
      description: "The SIEM's nightly pull",
      scopes: ["Investigation.manage"],
      allowedIps: ["203.0.113.0/24"],
      expiration: "90",
    });
    await expect(replacementTemplate(t.admin, made.token.id, 365)).rejects.toMatchObject({ code: "not_found" });
  });

  it("preselects the same lifetime only where the dialog offers it", () => {
    expect(sameExpirationChoice(30 * 86_400, 365)).toBe("30");
    expect(sameExpirationChoice(365 * 86_400, 90)).toBeNull();
    expect(sameExpirationChoice(null, null)).toBe("never");
    expect(sameExpirationChoice(null, 365)).toBeNull();
    expect(sameExpirationChoice(12345, null)).toBeNull();
  });
});
