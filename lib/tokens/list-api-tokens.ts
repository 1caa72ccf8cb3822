// The API tokens table: visibility, status filter, search, sort and paging, all in one database query.
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import { containsInsensitive } from "@/lib/db/contains";
import { isFullAdmin } from "@/lib/permissions";
import { lastUsedFilterFor, tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";
import { TOKEN_PAGE_SIZE, type TokenTableQuery } from "@/lib/tokens/schemas";

export type ApiTokenRow = {
  id: string;
  name: string;
  hint: string;
  issuer: { id: string; name: string; email: string; deprovisioned: boolean };
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: TokenStatus;
  canRevoke: boolean;
};

export type ApiTokenPage = { rows: ApiTokenRow[]; total: number; page: number; pageCount: number; pageSize: number };

/** Whether the actor sees (and may revoke) every API token of the tenant, not only their own. */
function seesAllTokens(actor: UserActor): boolean {
  return actor.role !== null && isFullAdmin(actor.role);
}

/** Live API tokens an actor may see: a full admin every API token of the tenant, anybody else only their own. */
export function visibleApiTokensWhere(actor: UserActor): Prisma.ApiTokenWhereInput {
  return {
    tenantId: actor.tenantId,
    kind: "API_TOKEN",
    revokedAt: null,
    ...(seesAllTokens(actor) ? {} : { userId: actor.userId }),
  };
}

function orderBy(query: TokenTableQuery): Prisma.ApiTokenOrderByWithRelationInput[] {
  const dir = query.dir;
  const primary: Prisma.ApiTokenOrderByWithRelationInput =
    query.sort === "name"
      ? { name: dir }
      : query.sort === "generatedBy"
        ? { issuer: { name: dir } }
        : query.sort === "lastUsedAt"
          ? { lastUsedAt: { sort: dir, nulls: "last" } }
          : { createdAt: dir };
  // A unique tie-breaker keeps pages stable when many rows share a time or a name.
  return [primary, { id: dir }];
}

/**
 * How many tokens match. The whole table (no status filter, no search) is the sum of the tally the
 * database keeps per user (ApiTokenTally: live tokens, kept by triggers), one row per user instead of
 * a count over every token, which at a million tokens costs more than the page itself. A filter or a
 * search counts the matching rows, through the index that serves that filter.
 */
async function countVisibleTokens(actor: UserActor, query: TokenTableQuery, where: Prisma.ApiTokenWhereInput): Promise<number> {
  if (query.status !== "All" || query.q) return db.apiToken.count({ where });
  const { _sum } = await db.apiTokenTally.aggregate({
    where: { tenantId: actor.tenantId, kind: "API_TOKEN", ...(seesAllTokens(actor) ? {} : { userId: actor.userId }) },
    _sum: { live: true },
  });
  return _sum.live ?? 0;
}

export async function listApiTokens(actor: UserActor, query: TokenTableQuery, now = new Date()): Promise<ApiTokenPage> {
  const where: Prisma.ApiTokenWhereInput = {
    ...visibleApiTokensWhere(actor),
    ...(query.status === "All" ? {} : lastUsedFilterFor(query.status, now)),
    ...(query.q ? { name: containsInsensitive(query.q) } : {}),
  };
  const [total, tokens] = await Promise.all([
    countVisibleTokens(actor, query, where),
    db.apiToken.findMany({
      where,
      orderBy: orderBy(query),
      skip: (query.page - 1) * TOKEN_PAGE_SIZE,
      take: TOKEN_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        hint: true,
        createdAt: true,
        lastUsedAt: true,
        lastUsedIp: true,
        issuer: { select: { id: true, name: true, email: true, deprovisionedAt: true } },
      },
    }),
  ]);
  const seesAll = seesAllTokens(actor);
  return {
    total,
    page: query.page,
    pageSize: TOKEN_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / TOKEN_PAGE_SIZE)),
    rows: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      hint: token.hint,
      issuer: { id: token.issuer.id, name: token.issuer.name, email: token.issuer.email, deprovisioned: token.issuer.deprovisionedAt != null },
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: token.lastUsedIp,
      status: tokenStatus(token.lastUsedAt, now),
      canRevoke: seesAll || token.issuer.id === actor.userId,
    })),
  };
}
