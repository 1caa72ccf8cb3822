// The token table's queries, as Prisma sends them to SQLite: every sort (both ways), every status filter,
// the name search and a deep page must each be a walk or a search of an index of the tenant's tokens (a
// full admin's sorts with no sort step: the walk stops after one page). Proven with EXPLAIN QUERY PLAN on
// the migrated unit database, for every statement on ApiToken the real list function sends.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sqliteFilePath } from "@/lib/db/database-url";
import type { UserActor } from "@/lib/actor";
import { listApiTokenPage, listApiTokens } from "@/lib/tokens/list-api-tokens";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { buildListQuery } from "@/lib/resources/list-query";
import { tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { refreshPlannerStatistics } from "@/lib/db/planner-statistics";

const statements = vi.hoisted(() => [] as string[]);
// The server's client, built to report its SQL (the only change: Prisma's query events).
vi.mock("@/lib/db/generated/client", async (original) => {
  const prisma = await original<typeof import("@/lib/db/generated/client")>();
  class ReportingClient extends prisma.PrismaClient {
    constructor(...args: ConstructorParameters<typeof prisma.PrismaClient>) {
      super({ ...args[0], log: [{ emit: "event", level: "query" }] } as ConstructorParameters<typeof prisma.PrismaClient>[0]);
      (this as unknown as { $on: (event: "query", listener: (event: { query: string }) => void) => void }).$on("query", (event) => statements.push(event.query));
    }
  }
  return { ...prisma, PrismaClient: ReportingClient };
});
// And the statements read on the driver itself (the tokens API's first page is one of those).
vi.mock("@/lib/db/direct-read", async (original) => {
  const direct = await original<typeof import("@/lib/db/direct-read")>();
  return { ...direct, readRows: (sql: string, args: unknown[]) => (statements.push(sql), direct.readRows(sql, args)) } as typeof direct;
});

const sqlite = new Database(sqliteFilePath(), { readonly: true });
afterAll(() => sqlite.close());

let admin: UserActor;
let reader: UserActor;
beforeAll(async () => {
  const tenant = await createTenant({ slug: `p-${randomBytes(4).toString("hex")}`, name: "Plans" });
  const adminUser = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const readerUser = await createUser({ tenantId: tenant.id, email: `reader@${tenant.slug}.test`, name: "Reader", role: "SECURITY_READER", password: "x".repeat(12) });
  admin = { tenantId: tenant.id, userId: adminUser.id, label: adminUser.email, role: "GLOBAL_ADMIN" };
  reader = { tenantId: tenant.id, userId: readerUser.id, label: readerUser.email, role: "SECURITY_READER" };
  for (let index = 0; index < 60; index++) await generateToken({ tenantId: tenant.id, userId: index % 2 ? adminUser.id : readerUser.id, kind: "API_TOKEN", name: `deploy key ${index}` });
  // As the scheduler keeps them on a running server.
  await refreshPlannerStatistics();
});

/** The plans of every statement on ApiToken that `run` sends, one string each. */
async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await run();
  const onTokens = statements.filter((sql) => /^\s*SELECT/.test(sql) && /FROM (`main`\.`ApiToken`|"ApiToken")/.test(sql));
  if (!onTokens.length) throw new Error("no query on ApiToken was sent");
  return onTokens.map((sql) => {
    const parameters = Array((sql.match(/\?/g) ?? []).length).fill(null);
    return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join(" ; ");
  });
}

const table = (actor: UserActor, query: Record<string, string>) => () => listApiTokens(actor, tokenTableQuerySchema.parse(query));

function expectIndexed(plans: string[]) {
  for (const plan of plans) {
    // main.ApiToken as Prisma names it; `a` in the statements of lib/resources/list-sql.ts.
    expect(plan).toMatch(/(SEARCH|SCAN) (main\.ApiToken|a) USING (COVERING )?INDEX ApiToken_tenantId_|SEARCH (main\.ApiToken|a) USING INDEX sqlite_autoindex_ApiToken_1/);
    expect(plan).not.toMatch(/SCAN (main\.ApiToken|a)(?! USING)/);
  }
}

describe("the token table's queries", () => {
  it("walks the tenant's creation-time index without a sort for a full admin's first page", async () => {
    const plans = await plansOf(table(admin, {}));
    expect(plans.join()).toContain("INDEX ApiToken_tenantId_kind_createdAt_id_revokedAt_lastUsedAt_idx");
    expect(plans.join()).not.toContain("TEMP B-TREE");
  });
  it("walks the user's creation-time index without a sort for anybody else", async () => {
    const plans = await plansOf(table(reader, {}));
    expect(plans.join()).toContain("INDEX ApiToken_tenantId_userId_kind_createdAt_id_revokedAt_idx");
    expect(plans.join()).not.toContain("TEMP B-TREE");
  });

  const sortIndex = { createdAt: "createdAt", name: "name", lastUsedAt: "lastUsedAt" } as const;
  for (const [sort, column] of Object.entries(sortIndex)) {
    for (const dir of ["asc", "desc"]) {
      it(`sorts by ${sort} ${dir} for a full admin by walking the ${column} index, with no sort step`, async () => {
        const plans = await plansOf(table(admin, { sort, dir }));
        for (const plan of plans) expect(plan).toContain(`INDEX ApiToken_tenantId_kind_${column}_id_`);
        expect(plans.join()).not.toContain("TEMP B-TREE");
      });
      it(`sorts by ${sort} ${dir} from an index of the tenant for anybody else`, async () => {
        expectIndexed(await plansOf(table(reader, { sort, dir })));
      });
    }
  }
  it("sorts by the issuer's name from an index of the tenant's tokens", async () => {
    for (const dir of ["asc", "desc"]) expectIndexed(await plansOf(table(admin, { sort: "generatedBy", dir })));
  });

  // A status filter is answered from an index of the tenant's tokens (which one, and whether the planner
  // then sorts the matching rows, is the database's choice from its statistics): never a scan of the table.
  for (const status of TOKEN_STATUSES) {
    for (const [who, actor] of [["a full admin", () => admin], ["anybody else", () => reader]] as const) {
      it(`searches an index, never scans the table, for ${who}, status ${status}`, async () => {
        expectIndexed(await plansOf(table(actor(), { status })));
      });
    }
  }

  it("finds names containing three characters or more through the trigram table, and the tokens by id", async () => {
    statements.length = 0;
    const plans = await plansOf(table(admin, { q: "key 1" }));
    expect(statements.some((sql) => sql.includes("ApiTokenNameSearch"))).toBe(true);
    // Which of the two (the ids' primary key, or the sort's index with the ids checked on it) is the
    // planner's choice from the statistics: at a million tokens it takes the ids.
    expectIndexed(plans);
  });
  it("gives the planner statistics of the token table's indexes", () => {
    const rows = sqlite.prepare(`SELECT idx FROM sqlite_stat1 WHERE tbl = 'ApiToken'`).all() as { idx: string }[];
    expect(rows.map((row) => row.idx)).toContain("ApiToken_tenantId_kind_name_id_revokedAt_idx");
  });
  it("checks a shorter search on the rows of the tenant's index it walks", async () => {
    expectIndexed(await plansOf(table(admin, { q: "ke" })));
  });

  it("reads a page in the second half of the list backwards from its end, through the same index", async () => {
    const plans = await plansOf(table(admin, { page: "3" }));
    expect(plans.join()).toContain("INDEX ApiToken_tenantId_kind_createdAt_id_revokedAt_lastUsedAt_idx");
    expect(plans.join()).not.toContain("TEMP B-TREE");
    expect(plans.join()).not.toMatch(/LIMIT|OFFSET/);
  });

  it("serves the tokens API's sorts from the same indexes", async () => {
    const spec = tokenListSpec(new Date());
    for (const sortField of ["createdAt", "lastUsedAt", "expiresAt", "name"]) {
      for (const sortDirection of ["asc", "desc"] as const) {
        const plans = await plansOf(() => listApiTokenPage(admin, buildListQuery({ sortField, sortDirection, limit: 10 }, spec)));
        expect(plans.join()).not.toContain("TEMP B-TREE");
        expectIndexed(plans);
      }
    }
  });
});
