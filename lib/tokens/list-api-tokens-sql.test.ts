// The tokens API's list in one SQL statement gives exactly what Prisma's queries give, for the
// visibility of each role, the filters, sorts and pages of the list contract, on the real database the
// tests run on (SQLite here; the same file runs on PostgreSQL when DATABASE_URL names one).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import type { Role } from "@/lib/permissions";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { createIntegration } from "@/lib/integrations/integrations";
import { createServiceAccount, createServiceAccountToken } from "@/lib/service-accounts/manage-service-accounts";
import { listApiTokenPage, listApiTokenPageThroughPrisma, tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { listApiTokenPageInOneStatement } from "@/lib/tokens/list-api-tokens-sql";
import { buildListQuery, type ListRequest } from "@/lib/resources/list-query";
import { DAY_MS } from "@/lib/tokens/expiry";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

const NOW = new Date("2026-11-23T12:00:00.123Z");

async function tenantWithTokens() {
  const tenant = await createTenant({ slug: `ls-${randomBytes(4).toString("hex")}`, name: "Token list SQL", maxTokenLifetimeDays: null });
  const make = async (role: Role, local: string) =>
    actorOf(await createUser({ tenantId: tenant.id, email: `${local}@${tenant.slug}.test`, name: local, role, password: "x".repeat(12) }), role);
  const admin = await make("GLOBAL_ADMIN", "admin");
  const operator = await make("SECURITY_OPERATOR", "operator");
  const reader = await make("SECURITY_READER", "reader");
  const ids: string[] = [];
  for (let index = 0; index < 14; index++) {
    const owner = [admin, operator, reader][index % 3];
    // Ties on purpose (every pair shares a creation time), and milliseconds that matter.
    const made = await createApiToken(
      owner,
      {
        name: index % 4 === 0 ? `Deploy ${index}` : `ci_token ${index}`,
        description: index % 5 === 0 ? "for the nightly job" : undefined,
        expiration: index % 3 === 0 ? { kind: "never" } : { kind: "days", days: index % 2 ? 1 : 30 },
        scopes: index % 4 === 1 ? ["Settings.read"] : undefined,
        allowedIps: index % 5 === 2 ? ["10.0.0.0/8", "192.0.2.1"] : undefined,
      },
      { now: new Date(NOW.getTime() - 3 * DAY_MS - Math.floor(index / 2) * 60_001) },
    );
    ids.push(made.token.id);
    const used = index % 3 === 1 ? new Date(NOW.getTime() - DAY_MS) : index % 3 === 2 ? new Date(NOW.getTime() - 10 * DAY_MS) : null;
    if (used) await db.apiToken.update({ where: { id: made.token.id, tenantId: tenant.id }, data: { lastUsedAt: used, lastUsedIp: "192.0.2.7" } });
  }
  await revokeApiToken(admin, ids[4]);
  await createIntegration(admin, "SIEM_AGENT", { name: "agent", expiration: { kind: "never" } });
  const account = await createServiceAccount(admin, { name: `robot ${tenant.slug}`, description: "", role: "SECURITY_READER" });
  await createServiceAccountToken(admin, account.id, { name: "robot token" });
  return { tenant, admin, operator, reader, ids };
}

describe("the tokens API's list in one SQL statement", () => {
  let data: Awaited<ReturnType<typeof tenantWithTokens>>;
  beforeAll(async () => {
    data = await tenantWithTokens();
    // Another tenant's tokens, which no list may show or count.
    await tenantWithTokens();
  });

  const requests = (): [string, ListRequest][] => [
    ["everything", {}],
    ["a small page", { limit: 3 }],
    ["a later page", { skip: 4, limit: 4 }],
    ["past the end", { skip: 100, limit: 5 }],
    ["oldest first", { sortDirection: "asc" }],
    ["by name", { sortField: "name", sortDirection: "asc" }],
    ["by last use (Prisma's nulls last)", { sortField: "lastUsedAt" }],
    ["status generated", { filters: { status: { eq: ["generated"] } } }],
    ["status active or expired", { filters: { status: { eq: ["active", "expired"] } } }],
    ["status inactive", { filters: { status: { eq: ["inactive"] } } }],
    ["status not generated", { filters: { status: { neq: ["generated"] } } }],
    ["name contains", { filters: { name: { contains: "CI_" } } }],
    ["name eq", { filters: { name: { eq: ["Deploy 8"] } } }],
    ["id eq", { filters: { id: { eq: [data.ids[1], data.ids[4], data.ids[5]] } } }],
    ["created by", { filters: { createdBy: { eq: [data.operator.label] } } }],
    ["created in a range", { filters: { createdAt: { gt: NOW.getTime() - 3 * DAY_MS - 3 * 60_001, lte: NOW.getTime() } } }],
    ["last use set", { filters: { lastUsedAt: { isset: true } } }],
    ["never expiring", { filters: { expiresAt: { isnotset: true } } }],
  ];

  it("answers every request exactly as Prisma's queries do, for every role and with ownOnly", async () => {
    let translated = 0;
    for (const actor of [data.admin, data.operator, data.reader]) {
      for (const ownOnly of [false, true]) {
        for (const [label, request] of requests()) {
          const query = buildListQuery(request, tokenListSpec(NOW));
          const expected = await listApiTokenPageThroughPrisma(actor, query, { ownOnly, now: NOW });
          const direct = await listApiTokenPageInOneStatement(actor, query, { ownOnly, now: NOW });
          if (direct) translated++;
          // The unfiltered first page, sorted by a column every token has, is always the one statement's.
          const [sortColumn] = Object.keys(query.orderBy[0]);
          if (query.skip === 0 && Object.keys(query.where).length === 0 && !["lastUsedAt", "expiresAt"].includes(sortColumn)) expect(direct, label).not.toBeNull();
          expect({ label, role: actor.role, ownOnly, page: direct ?? expected }).toEqual({ label, role: actor.role, ownOnly, page: expected });
          expect(await listApiTokenPage(actor, query, { ownOnly, now: NOW })).toEqual(expected);
        }
      }
    }
    expect(translated).toBeGreaterThan(0);
  });

  it("takes the list of every live token from the database's tally, and that tally matches the rows", async () => {
    const query = buildListQuery({ limit: 1 }, tokenListSpec(NOW));
    const page = await listApiTokenPageInOneStatement(data.admin, query, { now: NOW });
    const live = await db.apiToken.count({ where: { tenantId: data.tenant.id, kind: "API_TOKEN", revokedAt: null } });
    expect(page).toMatchObject({ total: live, hasNext: true });
    // A service account's token is listed with its account.
    const all = await listApiTokenPageInOneStatement(data.admin, buildListQuery({}, tokenListSpec(NOW)), { now: NOW });
    expect(all?.data.find((token) => token.name === "robot token")?.serviceAccount).toEqual({ id: expect.any(String), name: `robot ${data.tenant.slug}` });
  });

  it("leaves to Prisma what it does not translate", async () => {
    const spec = tokenListSpec(NOW);
    expect(await listApiTokenPageInOneStatement(data.admin, buildListQuery({ filters: { createdBy: { eq: [data.admin.label] } } }, spec))).toBeNull();
    expect(await listApiTokenPageInOneStatement(data.admin, buildListQuery({ sortField: "expiresAt" }, spec))).toBeNull();
    // A filter (it may match few of a million tokens: read by id after a count) and a later page (read from its nearer end).
    expect(await listApiTokenPageInOneStatement(data.admin, buildListQuery({ filters: { status: { eq: ["expired"] } } }, spec))).toBeNull();
    expect(await listApiTokenPageInOneStatement(data.admin, buildListQuery({ skip: 5 }, spec))).toBeNull();
  });
});
