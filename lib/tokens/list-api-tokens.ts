// The API tokens table (and the API's token list): visibility, status filter, search, sort and paging,
// all in one database query.
import { normalizeIp } from "@/lib/http/client-ip";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { countLiveTokens } from "@/lib/tokens/token-tally";
import type { UserActor } from "@/lib/actor";
import { containsInsensitive } from "@/lib/db/contains";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import { seesAllTokens, visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { EXPIRING_SOON_MS, expiresSoon } from "@/lib/tokens/expiry";
import { notExpiredWhere, statusWhere, tokenStatus, TOKEN_STATUSES, type TokenStatus } from "@/lib/tokens/token-status";
import { parseScopesJson, scopesSummary } from "@/lib/tokens/token-scopes";
import { parseJsonList, toTokenObject, tokenObjectSelect, type TokenObject, type TokenObjectStatus } from "@/lib/tokens/token-rows";
import { TOKEN_PAGE_SIZE, type TokenOwnerFilter, type TokenTableQuery } from "@/lib/tokens/schemas";
import { listApiTokenPageInOneStatement } from "@/lib/tokens/list-api-tokens-sql";
import { columnWhere, type ListPage, type ListQuery, type Operator, type ResourceSpec } from "@/lib/resources/list-query";

export type ApiTokenRow = {
  id: string;
  name: string;
  hint: string;
  issuer: { id: string; name: string; email: string; deprovisioned: boolean; roleLabel: string };
  /** The service account that owns the token (its issuer is then only the person who made it); null: the issuer's own. */
  serviceAccount: { id: string; name: string } | null;
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
  /** The viewer's own token: an expired one offers "Generate a replacement" (a new token is always its maker's). */
  own: boolean;
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
 * How many tokens match. The whole table (no status filter, no search) is the tally the database keeps
 * per user (lib/tokens/token-tally.ts), a few rows instead of a count over every token, which at a
 * million tokens costs more than the page itself. A filter or a search counts the matching rows,
 * through the index that serves that filter.
 */
async function countVisibleTokens(actor: UserActor, query: TokenTableQuery, where: Prisma.ApiTokenWhereInput): Promise<number> {
  if (query.status !== "All" || query.q || query.owner !== "all") return db.apiToken.count({ where });
  return countLiveTokens(actor.tenantId, "API_TOKEN", seesAllTokens(actor) ? null : actor.userId);
}

/**
 * The visible tokens with a status, as one where clause. The status condition goes into an AND list so it
 * never collides with other conditions, and the tenant, kind and revokedAt equalities stay at the top: the
 * database walks one of the ordered indexes and checks the status on the rows it meets.
 */
function tableWhere(actor: UserActor, status: TokenStatus | "All", q: string, now: Date, owner: TokenOwnerFilter = "all"): Prisma.ApiTokenWhereInput {
  return {
    ...(owner === "all" ? {} : { serviceAccountId: owner === "people" ? null : { not: null } }),
    ...visibleApiTokensWhere(actor),
    ...(status === "All" ? {} : { AND: [statusWhere(status, now)] }),
    ...(q ? { name: containsInsensitive(q) } : {}),
  };
}

/** The page query of the table: one ordered index walk for every status filter (lib/tokens/token-list-plan.test.ts checks). */
export function tokenPageArgs(actor: UserActor, query: TokenTableQuery, now: Date) {
  return {
    where: tableWhere(actor, query.status, query.q, now, query.owner),
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
      serviceAccount: { select: { id: true, name: true, role: true } },
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
        serviceAccount: token.serviceAccount ? { id: token.serviceAccount.id, name: token.serviceAccount.name } : null,
        createdAt: token.createdAt.toISOString(),
        lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
        // Rows written before client IPs were normalised may hold ::ffff:-mapped IPv4 addresses.
        lastUsedIp: token.lastUsedIp === null ? null : normalizeIp(token.lastUsedIp),
        expiresAt: token.expiresAt?.toISOString() ?? null,
        expiresSoon: expiresSoon(token.expiresAt, now),
        status: tokenStatus(token.lastUsedAt, now, token.expiresAt),
        // A service account's token holds the account's role, not its maker's.
        scopesSummary: scopesSummary({ kind: token.kind, chosenScopes }, token.serviceAccount?.role ?? token.issuer.role),
        narrowed: chosenScopes !== null,
        allowedIps: parseJsonList(token.allowedIpsJson),
        previousValidUntil: token.previousValidUntil && token.previousValidUntil > now ? token.previousValidUntil.toISOString() : null,
        lifetimeSeconds: token.lifetimeSeconds,
        canRevoke: seesAll || token.issuer.id === actor.userId,
        own: token.issuer.id === actor.userId,
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

const statusNamed = (status: string): TokenStatus => TOKEN_STATUSES.find((candidate) => candidate.toLowerCase() === status) ?? "Generated";

/**
 * What the API's token list filters and sorts on (the list contract of every list endpoint): `status`,
 * `name`, `createdBy` (the issuer's email), and the times `createdAt`, `lastUsedAt`, `expiresAt`.
 * Statuses depend on the time, so the declaration is made for `now`.
 */
export function tokenListSpec(now: Date): ResourceSpec {
  const times = ["gt", "gte", "lt", "lte", "range"] as const;
  return {
    fields: {
      id: { type: "string", operators: ["eq", "neq"] },
      name: { type: "string", operators: ["eq", "neq", "contains"] },
      createdBy: { type: "string", operators: ["eq", "neq", "contains"], toWhere: (op: Operator, value: unknown) => ({ issuer: columnWhere("email", op, value) }) },
      status: {
        type: "string",
        operators: ["eq", "neq"],
        oneOf: API_STATUS_FILTERS,
        toWhere: (op: Operator, value: unknown) => {
          const any = { OR: (value as string[]).map((status) => statusWhere(statusNamed(status), now)) };
          return op === "eq" ? any : { NOT: any };
        },
      },
      createdAt: { type: "date", operators: times },
      lastUsedAt: { type: "date", operators: [...times, "isset", "isnotset"] },
      expiresAt: { type: "date", operators: [...times, "isset", "isnotset"] },
    },
    sortFields: { createdAt: "createdAt", lastUsedAt: "lastUsedAt", expiresAt: "expiresAt", name: "name" },
    defaultSort: { column: "createdAt", direction: "desc" },
  };
}

/** Never used, never expiring: such tokens come last whichever way their column is sorted, on every database. */
const NULLABLE_SORT_COLUMNS = new Set(["lastUsedAt", "expiresAt"]);

/**
 * The API's token list (`GET /api/v1/tokens/`): live API tokens only (never SIEM agents, log collectors
 * or revoked tokens), as token objects. A full admin sees the tenant's, anybody else their own;
 * `ownOnly` narrows a full admin to their own too (a token that holds no settings scope).
 */
export async function listApiTokenPage(actor: UserActor, query: ListQuery, options: { ownOnly?: boolean; now?: Date } = {}): Promise<ListPage<TokenObject>> {
  return (await listApiTokenPageInOneStatement(actor, query, options)) ?? listApiTokenPageThroughPrisma(actor, query, options);
}

/** The same page through Prisma's queries: for what the one statement does not translate (and to check it against). */
export async function listApiTokenPageThroughPrisma(actor: UserActor, query: ListQuery, options: { ownOnly?: boolean; now?: Date } = {}): Promise<ListPage<TokenObject>> {
  const now = options.now ?? new Date();
  const visible = visibleApiTokensWhere(actor);
  const where: Prisma.ApiTokenWhereInput = { ...visible, ...(options.ownOnly ? { userId: actor.userId } : {}), AND: [query.where as Prisma.ApiTokenWhereInput] };
  const orderBy = query.orderBy.map((entry) => {
    const [[column, direction]] = Object.entries(entry);
    return NULLABLE_SORT_COLUMNS.has(column) ? { [column]: { sort: direction, nulls: "last" } } : entry;
  }) as Prisma.ApiTokenOrderByWithRelationInput[];
  const [total, rows] = await Promise.all([
    db.apiToken.count({ where }),
    db.apiToken.findMany({ where, orderBy, skip: query.skip, take: query.take + 1, select: tokenObjectSelect }),
  ]);
  return { data: rows.slice(0, query.take).map((row) => toTokenObject(row, now)), hasNext: rows.length > query.take, total };
}

/**
 * How many of the actor's own live, unexpired API tokens carry exactly this name. Names need not be unique (a
 * rotation's replacement may share one), but two tokens of one person with one name are hard to tell
 * apart in a table or an audit entry, so the generate dialog points it out.
 */
export async function ownTokensNamed(actor: UserActor, name: string, now = new Date()): Promise<number> {
  return db.apiToken.count({ where: { tenantId: actor.tenantId, kind: "API_TOKEN", revokedAt: null, userId: actor.userId, name: name.trim(), AND: [notExpiredWhere(now)] } });
}
