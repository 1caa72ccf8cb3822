// The API's token list (`GET /api/v1/tokens/`) in one SQL statement on the database driver, as the alerts
// list is (lib/resources/list-sql.ts): through Prisma the page with its issuer and service account and
// the count is a handful of queries its JavaScript engine compiles afresh on every call, several times
// the CPU of the rest of the request. It serves the list scripts call most, the unfiltered first page in
// a sort every token has a value for; anything else (a filter, a later page, a sort by a column that may
// be null) answers null and the caller reads it through the index-aware Prisma path.
//
// The total of an unfiltered list of every live token (what a full admin sees) is the per-user tally the
// database keeps (lib/tokens/token-tally.ts): a count of a million rows would cost more than the page.
import type { UserActor } from "@/lib/actor";
import { readRows } from "@/lib/db/direct-read";
import { pageSql, type SqlTable } from "@/lib/resources/list-sql";
import type { ListPage, ListQuery } from "@/lib/resources/list-query";
import { liveTokensTotalSql } from "@/lib/tokens/token-tally";
import { toTokenObject, type TokenObject, type TokenObjectRow } from "@/lib/tokens/token-rows";
import { seesAllTokens, visibleApiTokensWhere } from "@/lib/tokens/token-visibility";

const TOKEN_TABLE: SqlTable = {
  table: "ApiToken",
  columns: {
    id: {},
    tenantId: {},
    userId: {},
    kind: {},
    name: {},
    createdAt: {},
    revokedAt: { nullable: true },
    lastUsedAt: { nullable: true },
    expiresAt: { nullable: true },
    serviceAccountId: { nullable: true },
  },
};

/** Sorts the Prisma path puts nulls last in: not translated here. */
const NULLS_LAST_SORTS = new Set(["lastUsedAt", "expiresAt"]);

const COLUMNS = ["id", "name", "createdAt", "lastUsedAt", "lastUsedIp", "expiresAt", "scopesJson", "allowedIpsJson", "description", "serviceAccountId"];

function selectList(alias: string): string {
  return [
    ...COLUMNS.map((column) => `${alias}."${column}"`),
    `(SELECT u."email" FROM "User" u WHERE u."id" = ${alias}."userId") AS "issuerEmail"`,
    `(SELECT s."name" FROM "ServiceAccount" s WHERE s."id" = ${alias}."serviceAccountId") AS "serviceAccountName"`,
  ].join(", ");
}

type TokenSqlRow = {
  id: string;
  name: string;
  createdAt: Date | string | number;
  lastUsedAt: Date | string | number | null;
  lastUsedIp: string | null;
  expiresAt: Date | string | number | null;
  scopesJson: string | null;
  allowedIpsJson: string;
  description: string | null;
  serviceAccountId: string | null;
  issuerEmail: string;
  serviceAccountName: string | null;
  total: bigint | number | string;
};

const time = (value: Date | string | number) => new Date(value);

function tokenObjectRow(row: TokenSqlRow): TokenObjectRow {
  return {
    id: row.id,
    name: row.name,
    createdAt: time(row.createdAt),
    lastUsedAt: row.lastUsedAt === null ? null : time(row.lastUsedAt),
    lastUsedIp: row.lastUsedIp,
    expiresAt: row.expiresAt === null ? null : time(row.expiresAt),
    scopesJson: row.scopesJson,
    allowedIpsJson: row.allowedIpsJson,
    description: row.description,
    issuer: { email: row.issuerEmail },
    serviceAccount: row.serviceAccountId === null ? null : { id: row.serviceAccountId, name: row.serviceAccountName ?? "" },
  };
}

/** The unfiltered first page of `listApiTokenPage` (same arguments, same answer), or null when the query is not translated here. */
export async function listApiTokenPageInOneStatement(actor: UserActor, query: ListQuery, options: { ownOnly?: boolean; now?: Date } = {}): Promise<ListPage<TokenObject> | null> {
  if (query.orderBy.some((entry) => Object.keys(entry).some((column) => NULLS_LAST_SORTS.has(column)))) return null;
  // The first page only: a later one is read from the list's nearer end by the Prisma path, which an
  // OFFSET here would turn back into a walk over every row before it.
  if (query.skip > 0) return null;
  // Unfiltered only: a filter may match few of a million tokens, which the Prisma path reads by id after
  // counting them, where one statement would walk the sort's index past every token looking for them.
  if (Object.keys(query.where).length > 0) return null;
  const now = options.now ?? new Date();
  // The tie-breaker runs the way the sort does, as on the table: one index walk in either direction.
  const [[column, direction]] = Object.entries(query.orderBy[0]) as [[string, "asc" | "desc"]];
  const orderBy = [{ [column]: direction }, { id: direction }];
  const { tenantId, ...visible } = visibleApiTokensWhere(actor);
  const where = { ...visible, ...(options.ownOnly ? { userId: actor.userId } : {}) };
  // Every live API token of the tenant, or of one full admin (service accounts' tokens they made included, as
  // the where above has it): the tally's sum. Anybody else's list leaves out service accounts' tokens, which the tally counts.
  const total = seesAllTokens(actor) ? liveTokensTotalSql(tenantId, "API_TOKEN", options.ownOnly ? actor.userId : null) : undefined;
  const sql = pageSql({ ...query, where, orderBy, take: query.take + 1 }, tenantId, TOKEN_TABLE, selectList, undefined, { total });
  if (!sql) return null;
  const rows = await readRows<TokenSqlRow>(sql.page.sql, sql.page.args);
  const count = rows.length ? Number(rows[0].total) : 0;
  return { data: rows.slice(0, query.take).map((row) => toTokenObject(tokenObjectRow(row), now)), hasNext: rows.length > query.take, total: count };
}
