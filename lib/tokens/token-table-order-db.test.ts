// The token table and the tokens API read a sorted list in stretches (tokens with a last use, then those
// without) and read pages in the second half of the list backwards from its end: every page of every
// sort, status filter and search must still be exactly the list an in-memory sort of all tokens gives.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { listApiTokenPage, listApiTokens, tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { TOKEN_PAGE_SIZE, tokenTableQuerySchema } from "@/lib/tokens/schemas";
import { TOKEN_STATUSES, tokenStatus } from "@/lib/tokens/token-status";
import { buildListQuery } from "@/lib/resources/list-query";
import type { UserActor } from "@/lib/actor";

const DAY = 24 * 60 * 60 * 1000;
type Row = { id: string; name: string; userId: string; issuerName: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

let admin: UserActor;
let all: Row[];
const now = new Date();

beforeAll(async () => {
  const tenant = await createTenant({ slug: `o-${randomBytes(4).toString("hex")}`, name: "Order" });
  const users = [];
  for (const [index, name] of ["Zoe", "Adam", "Mia"].entries()) {
    users.push(await createUser({ tenantId: tenant.id, email: `u${index}@${tenant.slug}.test`, name, role: index === 0 ? "GLOBAL_ADMIN" : "SECURITY_READER", password: "x".repeat(12) }));
  }
  admin = { tenantId: tenant.id, userId: users[0].id, label: users[0].email, role: "GLOBAL_ADMIN" };
  // 70 tokens: three pages, so the third is read from the end; last uses and expiries spread over every status,
  // with repeated names and times so the tie-breakers decide.
  for (let index = 0; index < 70; index++) {
    const made = await generateToken({ tenantId: tenant.id, userId: users[index % 3].id, kind: "API_TOKEN", name: `${index % 2 ? "Deploy" : "backup"} key ${index % 9}` });
    await db.apiToken.update({
      where: { id: made.id, tenantId: tenant.id },
      data: {
        createdAt: new Date(now.getTime() - (index % 11) * DAY),
        lastUsedAt: index % 4 === 0 ? null : new Date(now.getTime() - (index % 4 === 1 ? 1 : 20) * DAY - (index % 5) * 1000),
        expiresAt: index % 5 === 0 ? null : new Date(now.getTime() + (index % 5 === 1 ? -DAY : (index % 7) * DAY)),
      },
    });
  }
  const rows = await db.apiToken.findMany({ where: { tenantId: tenant.id, kind: "API_TOKEN", revokedAt: null }, include: { issuer: true } });
  all = rows.map((row) => ({ id: row.id, name: row.name, userId: row.userId, issuerName: row.issuer.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, expiresAt: row.expiresAt }));
}, 120_000);

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The list as the rules say: the column, never-used and never-expiring last either way, then the id. */
function expected(sort: string, dir: "asc" | "desc", filter: (row: Row) => boolean): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const key = (row: Row): (string | number | null)[] =>
    sort === "generatedBy" ? [row.issuerName, row.userId, row.createdAt.getTime(), row.id] : [((row as Record<string, unknown>)[sort] as Date | string | null) instanceof Date ? ((row as Record<string, unknown>)[sort] as Date).getTime() : ((row as Record<string, unknown>)[sort] as string | null), row.id];
  return all
    .filter(filter)
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if ((ka[0] === null) !== (kb[0] === null)) return ka[0] === null ? 1 : -1;
      for (let index = 0; index < ka.length; index++) {
        if (ka[index] === null) continue;
        const order = compare(ka[index]!, kb[index]!);
        if (order) return sign * order;
      }
      return 0;
    })
    .map((row) => row.id);
}

async function tablePages(query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  const first = await listApiTokens(admin, tokenTableQuerySchema.parse(query), now);
  ids.push(...first.rows.map((row) => row.id));
  for (let page = 2; page <= first.pageCount; page++) ids.push(...(await listApiTokens(admin, tokenTableQuerySchema.parse({ ...query, page: String(page) }), now)).rows.map((row) => row.id));
  return ids;
}

describe("every page of the token table", () => {
  for (const sort of ["createdAt", "name", "generatedBy", "lastUsedAt"]) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sorted by ${sort} ${dir}, all statuses, is the whole list in order`, async () => {
        expect(await tablePages({ sort, dir })).toEqual(expected(sort, dir, () => true));
      });
      for (const status of TOKEN_STATUSES) {
        it(`sorted by ${sort} ${dir}, ${status} only`, async () => {
          expect(await tablePages({ sort, dir, status })).toEqual(expected(sort, dir, (row) => tokenStatus(row.lastUsedAt, now, row.expiresAt) === status));
        });
      }
    }
  }
  for (const q of ["key", "KEY 3", "ey", "deploy key 1", "nothing like it"]) {
    it(`searched for '${q}' (any case, three characters or fewer), sorted by last use`, async () => {
      expect(await tablePages({ q, sort: "lastUsedAt", dir: "asc" })).toEqual(expected("lastUsedAt", "asc", (row) => row.name.toLowerCase().includes(q.toLowerCase())));
    });
  }
  it("holds 25 rows a page, the last one the rest", async () => {
    const last = await listApiTokens(admin, tokenTableQuerySchema.parse({ page: "3" }), now);
    expect([last.total, last.pageCount, last.rows.length]).toEqual([70, 3, 70 - 2 * TOKEN_PAGE_SIZE]);
  });
});

describe("every page of the tokens API", () => {
  for (const sortField of ["createdAt", "lastUsedAt", "expiresAt", "name"]) {
    for (const sortDirection of ["asc", "desc"] as const) {
      it(`sorted by ${sortField} ${sortDirection}, 20 at a time from any offset`, async () => {
        const ids: string[] = [];
        for (let skip = 0; skip < 80; skip += 20) {
          const page = await listApiTokenPage(admin, buildListQuery({ sortField, sortDirection, skip, limit: 20 }, tokenListSpec(now)), { now });
          expect(page.total).toBe(70);
          expect(page.hasNext).toBe(skip + 20 < 70);
          ids.push(...page.data.map((token) => token.id));
        }
        expect(ids).toEqual(expected(sortField, sortDirection, () => true));
        const odd = await listApiTokenPage(admin, buildListQuery({ sortField, sortDirection, skip: 47, limit: 7 }, tokenListSpec(now)), { now });
        expect(odd.data.map((token) => token.id)).toEqual(ids.slice(47, 54));
      });
    }
  }
});
