// The API tokens table (and the API's token list): visibility, status filter, search, sort and paging,
// all in one database query.
import { normalizeIp } from "@/lib/http/client-ip";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { countLiveTokens, liveTokensByUser } from "@/lib/tokens/token-tally";
import type { UserActor } from "@/lib/actor";
import { tokenNameContains } from "@/lib/db/token-name-search";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import { seesAllTokens, visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { EXPIRING_SOON_MS, expiresSoon } from "@/lib/tokens/expiry";
import { notExpiredWhere, statusWhere, tokenStatus, TOKEN_STATUSES, type TokenStatus } from "@/lib/tokens/token-status";
import { parseScopesJson, scopesSummary } from "@/lib/tokens/token-scopes";
import { parseJsonList, toTokenObject, tokenObjectSelect, type TokenObject, type TokenObjectStatus } from "@/lib/tokens/token-rows";
import { TOKEN_PAGE_SIZE, type TokenOwnerFilter, type TokenTableQuery } from "@/lib/tokens/schemas";
import { listApiTokenPageInOneStatement } from "@/lib/tokens/list-api-tokens-sql";
import { sortedPage, type Direction, type SortColumn, type TokenSort } from "@/lib/tokens/sorted-token-page";
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

type Where = Prisma.ApiTokenWhereInput;

/** At most this many matching tokens are read by id (Prisma binds at most 999 values on SQLite). */
const FEW_BY_ID = 500;

/**
 * A filter that matches few tokens (a rare status: Expired in most tenants), once counted, as those tokens by
 * id: the sort's index walk never passes every token of the tenant looking for them.
 */
async function fewById(where: Where, total: number): Promise<Where> {
  if (total > FEW_BY_ID) return where;
  return { ...where, id: { in: (await db.apiToken.findMany({ where, select: { id: true }, take: FEW_BY_ID })).map((row) => row.id) } };
}

function tableSort(query: Pick<TokenTableQuery, "sort" | "dir">): TokenSort {
  return { column: query.sort, dir: query.dir };
}

/**
 * How many tokens match. The whole table (no status filter, no search) is the tally the database keeps
 * per user (lib/tokens/token-tally.ts), a few rows instead of a count over every token, which at a
 * million tokens costs more than the page itself. A filter or a search counts the matching rows,
 * through the index that serves that filter (each status is a range of the last-use or expiry index,
 * which holds the other columns the status reads).
 */
async function countVisibleTokens(actor: UserActor, query: TokenTableQuery, where: Where): Promise<number> {
  if (query.status !== "All" || query.q || query.owner !== "all") return db.apiToken.count({ where });
  if (seesAllTokens(actor)) return countLiveTokens(actor.tenantId, "API_TOKEN", null);
  // The tally counts tokens by who made them, service accounts' included: one made by a person who was a
  // full admin then and is not now is not in their table (a service account's token is no person's own).
  const [made, ofServiceAccounts] = await Promise.all([
    countLiveTokens(actor.tenantId, "API_TOKEN", actor.userId),
    db.apiToken.count({ where: { tenantId: actor.tenantId, kind: "API_TOKEN", userId: actor.userId, revokedAt: null, serviceAccountId: { not: null } } }),
  ]);
  return made - ofServiceAccounts;
}

/**
 * The visible tokens with a status, as one where clause. The status condition goes into an AND list so it
 * never collides with other conditions, and the tenant, kind and revokedAt equalities stay at the top: the
 * database walks one of the ordered indexes and checks the status on the rows it meets.
 */
async function tableWhere(actor: UserActor, status: TokenStatus | "All", q: string, now: Date, owner: TokenOwnerFilter = "all"): Promise<Where> {
  const conditions: Where[] = [];
  if (status !== "All") conditions.push(statusWhere(status, now));
  if (q) conditions.push(await tokenNameContains(q));
  return {
    ...(owner === "all" ? {} : { serviceAccountId: owner === "people" ? null : { not: null } }),
    ...visibleApiTokensWhere(actor),
    ...(conditions.length ? { AND: conditions } : {}),
  };
}

const tokenRowSelect = {
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
} satisfies Prisma.ApiTokenSelect;

/**
 * A full admin's whole table sorted by issuer: the issuer's name is on another table, so no index of the
 * tokens holds that order. The tenant's users are read in order (a thousand rows), the tally tells how
 * many live tokens each holds, and the page is read from the user it starts in (and the next ones, when
 * it runs over), each through the user's own creation-time index: any page, the last included, costs a
 * few short walks.
 */
async function pageByIssuer<Select extends Prisma.ApiTokenSelect>(actor: UserActor, where: Where, dir: Direction, skip: number, select: Select) {
  const [users, counts] = await Promise.all([
    db.user.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ name: dir }, { id: dir }], select: { id: true } }),
    liveTokensByUser(actor.tenantId, "API_TOKEN"),
  ]);
  const rows: Prisma.ApiTokenGetPayload<{ select: Select }>[] = [];
  for (const user of users) {
    const count = counts.get(user.id) ?? 0;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const found = (await db.apiToken.findMany({
      where: { ...where, userId: user.id },
      orderBy: [{ createdAt: dir }, { id: dir }],
      skip,
      take: TOKEN_PAGE_SIZE - rows.length,
      select,
    })) as Prisma.ApiTokenGetPayload<{ select: Select }>[];
    rows.push(...found);
    skip = 0;
    if (rows.length >= TOKEN_PAGE_SIZE) break;
  }
  return rows;
}

/**
 * The table's rows and total. The first page is read beside its count; a later page waits for the count,
 * so that one in the second half of the list can be read from the end.
 */
export async function tokenTablePage(actor: UserActor, query: TokenTableQuery, now: Date) {
  const where = await tableWhere(actor, query.status, query.q, now, query.owner);
  const sort = tableSort(query);
  const skip = (query.page - 1) * TOKEN_PAGE_SIZE;
  const wholeTable = query.status === "All" && !query.q && query.owner === "all" && seesAllTokens(actor);
  if (sort.column === "generatedBy" && wholeTable) {
    const [total, tokens] = await Promise.all([countVisibleTokens(actor, query, where), pageByIssuer(actor, where, sort.dir, skip, tokenRowSelect)]);
    return { total, tokens };
  }
  if (query.status !== "All") {
    // A status is a range of the last-use or expiry index, counted first; a short one is read by id.
    const total = await countVisibleTokens(actor, query, where);
    return { total, tokens: await sortedPage(await fewById(where, total), sort, query.status, { skip, take: TOKEN_PAGE_SIZE, total }, tokenRowSelect) };
  }
  if (skip === 0) {
    const [total, tokens] = await Promise.all([countVisibleTokens(actor, query, where), sortedPage(where, sort, query.status, { skip, take: TOKEN_PAGE_SIZE }, tokenRowSelect)]);
    return { total, tokens };
  }
  const total = await countVisibleTokens(actor, query, where);
  return { total, tokens: await sortedPage(where, sort, query.status, { skip, take: TOKEN_PAGE_SIZE, total }, tokenRowSelect) };
}

export async function listApiTokens(actor: UserActor, query: TokenTableQuery, now = new Date()): Promise<ApiTokenPage> {
  const { total, tokens } = await tokenTablePage(actor, query, now);
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

/**
 * The API's token list (`GET /api/v1/tokens/`): live API tokens only (never SIEM agents, log collectors
 * or revoked tokens), as token objects. A full admin sees the tenant's, anybody else their own;
 * `ownOnly` narrows a full admin to their own too (a token that holds no settings scope). Sorted as the
 * table is (one index walk per sort, never-used and never-expiring tokens last); a page beyond the first
 * waits for the total, so that one in the second half of the list is read from its end.
 */
export async function listApiTokenPage(actor: UserActor, query: ListQuery, options: { ownOnly?: boolean; now?: Date } = {}): Promise<ListPage<TokenObject>> {
  return (await listApiTokenPageInOneStatement(actor, query, options)) ?? listApiTokenPageThroughPrisma(actor, query, options);
}

/** The same page through Prisma's queries: for what the one statement does not translate (and to check it against). */
export async function listApiTokenPageThroughPrisma(actor: UserActor, query: ListQuery, options: { ownOnly?: boolean; now?: Date } = {}): Promise<ListPage<TokenObject>> {
  const now = options.now ?? new Date();
  const visible = visibleApiTokensWhere(actor);
  const unfiltered = Object.keys(query.where).length === 0;
  const where: Prisma.ApiTokenWhereInput = { ...visible, ...(options.ownOnly ? { userId: actor.userId } : {}), ...(unfiltered ? {} : { AND: [query.where as Prisma.ApiTokenWhereInput] }) };
  const [[column, direction]] = Object.entries(query.orderBy[0]) as [[SortColumn, Direction]];
  const sort: TokenSort = { column, dir: direction };
  // The whole list of a full admin is the tally's sum, as on the table.
  const count = () => (unfiltered && !options.ownOnly && seesAllTokens(actor) ? countLiveTokens(actor.tenantId, "API_TOKEN", null) : db.apiToken.count({ where }));
  const window = { skip: query.skip, take: query.take + 1 };
  let total: number;
  let rows;
  if (query.skip === 0 && unfiltered) [total, rows] = await Promise.all([count(), sortedPage(where, sort, null, window, tokenObjectSelect)]);
  else {
    // Counted first: a filter matching few tokens is read by id, a page in the second half from the end.
    total = await count();
    rows = await sortedPage(unfiltered ? where : await fewById(where, total), sort, null, { ...window, total }, tokenObjectSelect);
  }
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
