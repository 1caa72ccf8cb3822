// The API tokens table (and the API's token list): visibility, status filter, search, sort and paging,
// all in one database query.
import { normalizeIp } from "@/lib/http/client-ip";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import { containsInsensitive } from "@/lib/db/contains";
import { AppError } from "@/lib/errors";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import { seesAllTokens, visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { EXPIRING_SOON_MS, expiresSoon } from "@/lib/tokens/expiry";
import { statusWhere, tokenStatus, TOKEN_STATUSES, type TokenStatus } from "@/lib/tokens/token-status";
import { parseScopesJson, scopesSummary } from "@/lib/tokens/token-scopes";
import { parseJsonList, toTokenObject, tokenObjectSelect, type TokenObject, type TokenObjectStatus } from "@/lib/tokens/token-rows";
import { TOKEN_PAGE_SIZE, type TokenTableQuery } from "@/lib/tokens/schemas";

export type ApiTokenRow = {
  id: string;
  name: string;
  hint: string;
  issuer: { id: string; name: string; email: string; deprovisioned: boolean; roleLabel: string };
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  expiresAt: string | null;
  expiresSoon: boolean;
  status: TokenStatus;
  /** "All of Global administrator", or the scopes it holds now. */
  scopesSummary: string;
  /** Chosen scopes narrow it below its issuer's role. */
  narrowed: boolean;
  allowedIps: string[];
  /** After a rotation with a grace period still running: until when the replaced value works. */
  previousValidUntil: string | null;
  lifetimeSeconds: number | null;
  canRevoke: boolean;
};

export type ApiTokenPage = { rows: ApiTokenRow[]; total: number; page: number; pageCount: number; pageSize: number };

function orderBy(query: Pick<TokenTableQuery, "sort" | "dir">): Prisma.ApiTokenOrderByWithRelationInput[] {
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

/**
 * The visible tokens with a status, as one where clause. The status condition goes into an AND list so it
 * never collides with other conditions, and the tenant, kind and revokedAt equalities stay at the top: the
 * database walks one of the ordered indexes and checks the status on the rows it meets.
 */
function tableWhere(actor: UserActor, status: TokenStatus | "All", q: string, now: Date): Prisma.ApiTokenWhereInput {
  return {
    ...visibleApiTokensWhere(actor),
    ...(status === "All" ? {} : { AND: [statusWhere(status, now)] }),
    ...(q ? { name: containsInsensitive(q) } : {}),
  };
}

/** The page query of the table: one ordered index walk for every status filter (lib/tokens/token-list-plan.test.ts checks). */
export function tokenPageArgs(actor: UserActor, query: TokenTableQuery, now: Date) {
  return {
    where: tableWhere(actor, query.status, query.q, now),
    orderBy: orderBy(query),
    skip: (query.page - 1) * TOKEN_PAGE_SIZE,
    take: TOKEN_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      kind: true,
      hint: true,
      createdAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      expiresAt: true,
      lifetimeSeconds: true,
      scopesJson: true,
      allowedIpsJson: true,
      previousValidUntil: true,
      issuer: { select: { id: true, name: true, email: true, role: true, deprovisionedAt: true } },
    },
  } satisfies Prisma.ApiTokenFindManyArgs;
}

export async function listApiTokens(actor: UserActor, query: TokenTableQuery, now = new Date()): Promise<ApiTokenPage> {
  const args = tokenPageArgs(actor, query, now);
  const [total, tokens] = await Promise.all([countVisibleTokens(actor, query, args.where), db.apiToken.findMany(args)]);
  const seesAll = seesAllTokens(actor);
  return {
    total,
    page: query.page,
    pageSize: TOKEN_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / TOKEN_PAGE_SIZE)),
    rows: tokens.map((token) => {
      const chosenScopes = parseScopesJson(token.scopesJson);
      return {
        id: token.id,
        name: token.name,
        hint: token.hint,
        issuer: {
          id: token.issuer.id,
          name: token.issuer.name,
          email: token.issuer.email,
          deprovisioned: token.issuer.deprovisionedAt != null,
          roleLabel: isRole(token.issuer.role) ? ROLE_LABELS[token.issuer.role] : token.issuer.role,
        },
        createdAt: token.createdAt.toISOString(),
        lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
        // Rows written before client IPs were normalised may hold ::ffff:-mapped IPv4 addresses.
        lastUsedIp: token.lastUsedIp === null ? null : normalizeIp(token.lastUsedIp),
        expiresAt: token.expiresAt?.toISOString() ?? null,
        expiresSoon: expiresSoon(token.expiresAt, now),
        status: tokenStatus(token.lastUsedAt, now, token.expiresAt),
        scopesSummary: scopesSummary({ kind: token.kind, chosenScopes }, token.issuer.role),
        narrowed: chosenScopes !== null,
        allowedIps: parseJsonList(token.allowedIpsJson),
        previousValidUntil: token.previousValidUntil && token.previousValidUntil > now ? token.previousValidUntil.toISOString() : null,
        lifetimeSeconds: token.lifetimeSeconds,
        canRevoke: seesAll || token.issuer.id === actor.userId,
      };
    }),
  };
}

/** How many of the actor's own live tokens stop working within the next seven days ("2 of your tokens expire this week"). */
export async function countOwnTokensExpiringSoon(actor: UserActor, now = new Date()): Promise<number> {
  return db.apiToken.count({
    where: { tenantId: actor.tenantId, userId: actor.userId, kind: "API_TOKEN", revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_SOON_MS) } },
  });
}

export const API_STATUS_FILTERS = ["generated", "active", "inactive", "expired"] as const satisfies readonly TokenObjectStatus[];

/**
 * The API's token list (`GET /api/v1/tokens/`): the same visibility and status rule as the table, newest
 * first, as token objects. `status` is one of API_STATUS_FILTERS, or undefined for all.
 */
export async function listApiTokenObjects(
  actor: UserActor,
  query: { skip: number; limit: number; status?: TokenObjectStatus },
  now = new Date(),
): Promise<{ data: TokenObject[]; hasNext: boolean; total: number }> {
  const status = query.status ? TOKEN_STATUSES.find((candidate) => candidate.toLowerCase() === query.status) : undefined;
  const where = tableWhere(actor, status ?? "All", "", now);
  const [total, rows] = await Promise.all([
    db.apiToken.count({ where }),
    db.apiToken.findMany({ where, orderBy: orderBy({ sort: "createdAt", dir: "desc" }), skip: query.skip, take: query.limit, select: tokenObjectSelect }),
  ]);
  return { data: rows.map((row) => toTokenObject(row, now)), hasNext: query.skip + rows.length < total, total };
}

/** One visible API token as a token object; another user's (unless full admin) or tenant's is not_found. */
export async function getApiTokenObject(actor: UserActor, tokenId: string, now = new Date()): Promise<TokenObject> {
  const row = await db.apiToken.findFirst({ where: { ...visibleApiTokensWhere(actor), id: tokenId }, select: tokenObjectSelect });
  if (!row) throw new AppError("not_found", "That token does not exist.");
  return toTokenObject(row, now);
}
