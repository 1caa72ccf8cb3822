// The token table's total comes from a tally the database keeps with triggers: it must equal a count
// of the live tokens whatever wrote them (the application, a script, another instance) and however
// (insert, revoke, move to another user, un-revoke, delete), on the real database.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import type { UserActor } from "@/lib/actor";
import { createServiceAccount, createServiceAccountToken } from "@/lib/service-accounts/manage-service-accounts";
import { setUserRole } from "@/lib/users/manage-users";
import type { Role } from "@/lib/permissions";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

async function tenantWithUsers() {
  const tenant = await createTenant({ slug: `t-${randomBytes(4).toString("hex")}`, name: "Tally" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const reader = await createUser({ tenantId: tenant.id, email: `reader@${tenant.slug}.test`, name: "Reader", role: "SECURITY_READER", password: "x".repeat(12) });
  return { tenant, admin, reader };
}

describe("the live-token tally behind the token table's total", () => {
  let setup: Awaited<ReturnType<typeof tenantWithUsers>>;
  beforeAll(async () => {
    setup = await tenantWithUsers();
  });

  /** The tally and a count of the rows, per user and kind, for the tenant. */
  async function tallyAndCount() {
    const tally = await db.apiTokenTally.findMany({ where: { tenantId: setup.tenant.id, live: { not: 0 } }, orderBy: [{ userId: "asc" }, { kind: "asc" }] });
    const groups = await db.apiToken.groupBy({ by: ["userId", "kind"], where: { tenantId: setup.tenant.id, revokedAt: null }, _count: { _all: true }, orderBy: [{ userId: "asc" }, { kind: "asc" }] });
    return {
      tally: tally.map((row) => [row.userId, row.kind, row.live]),
      count: groups.map((group) => [group.userId, group.kind, group._count._all]),
    };
  }

  async function expectTotals() {
    const { tally, count } = await tallyAndCount();
    expect(tally).toEqual(count);
    for (const [user, role] of [[setup.admin, "GLOBAL_ADMIN"], [setup.reader, "SECURITY_READER"]] as const) {
      const page = await listApiTokens(actorOf(user, role), tokenTableQuerySchema.parse({}));
      const visible = await db.apiToken.count({ where: { tenantId: setup.tenant.id, kind: "API_TOKEN", revokedAt: null, ...(role === "GLOBAL_ADMIN" ? {} : { userId: user.id }) } });
      expect(page.total, `${role}'s total`).toBe(visible);
    }
  }

  it("follows every way a token is written", async () => {
    await expectTotals();
    const tokens = [];
    for (const [user, kind] of [[setup.admin, "API_TOKEN"], [setup.admin, "API_TOKEN"], [setup.reader, "API_TOKEN"], [setup.admin, "SIEM_AGENT"]] as const) {
      tokens.push(await generateToken({ tenantId: setup.tenant.id, userId: user.id, kind, name: `${kind} of ${user.name}` }));
    }
    await expectTotals();
    expect((await listApiTokens(actorOf(setup.admin, "GLOBAL_ADMIN"), tokenTableQuerySchema.parse({}))).total).toBe(3);

    await revokeApiToken(actorOf(setup.admin, "GLOBAL_ADMIN"), tokens[0].id);
    await expectTotals();
    // Revoking twice, or writing the same revocation time again, counts once.
    await db.apiToken.updateMany({ where: { tenantId: setup.tenant.id, id: tokens[0].id }, data: { revokedAt: new Date() } });
    await expectTotals();

    // Last use does not touch the tally; moving a token to another user and kind does.
    await db.apiToken.updateMany({ where: { tenantId: setup.tenant.id, id: tokens[1].id }, data: { lastUsedAt: new Date(), lastUsedIp: "192.0.2.1" } });
    await db.apiToken.updateMany({ where: { tenantId: setup.tenant.id, id: tokens[3].id }, data: { userId: setup.reader.id, kind: "API_TOKEN" } });
    await expectTotals();
    expect((await listApiTokens(actorOf(setup.reader, "SECURITY_READER"), tokenTableQuerySchema.parse({}))).total).toBe(2);

    // Un-revoked (as a restore might), then deleted.
    await db.apiToken.updateMany({ where: { tenantId: setup.tenant.id, id: tokens[0].id }, data: { revokedAt: null } });
    await expectTotals();
    await db.apiToken.deleteMany({ where: { tenantId: setup.tenant.id, id: { in: [tokens[0].id, tokens[2].id] } } });
    await expectTotals();
    await db.apiToken.createMany({
      data: Array.from({ length: 5 }, (_, index) => ({ id: randomBytes(16).toString("hex"), tenantId: setup.tenant.id, userId: setup.reader.id, kind: "API_TOKEN", name: `bulk ${index}`, digest: randomBytes(32).toString("hex"), hint: "kpat_…bulk", revokedAt: index === 0 ? new Date() : null })),
    });
    await expectTotals();
  });

  it("is not used for a filtered or searched table, which counts the matching rows", async () => {
    const admin = actorOf(setup.admin, "GLOBAL_ADMIN");
    const all = await listApiTokens(admin, tokenTableQuerySchema.parse({}));
    const generated = await listApiTokens(admin, tokenTableQuerySchema.parse({ status: "Generated" }));
    const active = await listApiTokens(admin, tokenTableQuerySchema.parse({ status: "Active" }));
    const inactive = await listApiTokens(admin, tokenTableQuerySchema.parse({ status: "Inactive" }));
    expect(generated.total + active.total + inactive.total).toBe(all.total);
    expect(generated.rows.every((row) => row.status === "Generated")).toBe(true);
    expect(active.rows.map((row) => row.status)).toEqual(["Active"]);
    expect((await listApiTokens(admin, tokenTableQuerySchema.parse({ q: "BULK" }))).total).toBe(4);
  });
});

describe("the total of someone who made a service account's token while a full admin", () => {
  it("leaves that token out once they are not one, as their table does", async () => {
    const { tenant, admin } = await tenantWithUsers();
    const second = await createUser({ tenantId: tenant.id, email: `second@${tenant.slug}.test`, name: "Second", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const asAdmin = actorOf(second, "GLOBAL_ADMIN");
    await generateToken({ tenantId: tenant.id, userId: second.id, kind: "API_TOKEN", name: "Own" });
    const account = await createServiceAccount(asAdmin, { name: "Robot", description: "", role: "SECURITY_READER" });
    await createServiceAccountToken(asAdmin, account.id, { name: "Robot's", expiration: { kind: "days", days: 30 } });
    await setUserRole(actorOf(admin, "GLOBAL_ADMIN"), second.id, "SECURITY_READER");

    const page = await listApiTokens(actorOf(second, "SECURITY_READER"), tokenTableQuerySchema.parse({}));
    expect(page.rows.map((row) => row.name)).toEqual(["Own"]);
    expect(page.total).toBe(1);
  });
});
