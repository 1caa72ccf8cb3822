// A page of a sorted list of tokens, read the way the indexes hold them: every sort one walk of an index
// ending in (column, id), forwards or backwards, nullable columns in two stretches, a page in the second
// half read from the end. The table and the tokens API both page through it (lib/tokens/list-api-tokens.ts).
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { TokenStatus } from "@/lib/tokens/token-status";

export type Direction = "asc" | "desc";
type Where = Prisma.ApiTokenWhereInput;

/** Columns a token list sorts on directly; never-used and never-expiring tokens come last either way. */
export type SortColumn = "createdAt" | "lastUsedAt" | "expiresAt" | "name";
export type TokenSort = { column: SortColumn; dir: Direction } | { column: "generatedBy"; dir: Direction };

const flip = (dir: Direction): Direction => (dir === "asc" ? "desc" : "asc");

/**
 * The ORDER BY of one stretch of a sorted list. The tie-breaker runs the same way as the column, so each
 * sort is one walk of an index ending in (column, id), forwards or backwards. The issuer's name is on
 * another table: its ties are broken by the issuer, then by creation time, one user's tokens at a time.
 */
function orderOf(sort: TokenSort, dir: Direction): Prisma.ApiTokenOrderByWithRelationInput[] {
  if (sort.column === "generatedBy") return [{ issuer: { name: dir } }, { userId: dir }, { createdAt: dir }, { id: dir }];
  return [{ [sort.column]: dir }, { id: dir }];
}

/**
 * The stretches a sorted list is read from, in order. A nullable column is two: the tokens that have a
 * value, then those that have none ("nulls last" both ways). Each is one range of the column's index
 * walked in order; `NULLS LAST` itself could not be: SQLite's indexes hold nulls first and PostgreSQL's
 * last, so each database would sort one of the two directions. A status that decides the column
 * (Generated: never used; Active and Inactive: used) leaves one stretch.
 */
function stretchesOf(sort: TokenSort, status: TokenStatus | "All" | null): Where[] {
  if (sort.column !== "lastUsedAt" && sort.column !== "expiresAt") return [{}];
  const set: Where = { [sort.column]: { not: null } };
  const unset: Where = { [sort.column]: null };
  if (sort.column === "lastUsedAt" && status === "Generated") return [unset];
  if (sort.column === "lastUsedAt" && (status === "Active" || status === "Inactive")) return [set];
  if (sort.column === "expiresAt" && status === "Expired") return [set];
  return [set, unset];
}

/**
 * One page of a sorted token list: `take` rows after `skip`, read stretch by stretch (a stretch is counted
 * only when the page starts beyond it). When `total` is known and the page lies in the second half, the
 * list is read backwards from its end and the rows turned round: an OFFSET walks every row it skips, so
 * the last page would otherwise cost a walk of the whole list, and now costs what the first does.
 */
export async function sortedPage<Select extends Prisma.ApiTokenSelect>(
  where: Where,
  sort: TokenSort,
  status: TokenStatus | "All" | null,
  window: { skip: number; take: number; total?: number },
  select: Select,
) {
  let { skip, take } = window;
  const reversed = window.total !== undefined && skip > window.total / 2;
  if (reversed) {
    take = Math.max(0, Math.min(take, window.total! - skip));
    skip = Math.max(0, window.total! - window.skip - take);
  }
  const dir = reversed ? flip(sort.dir) : sort.dir;
  const stretches = reversed ? stretchesOf(sort, status).reverse() : stretchesOf(sort, status);
  const rows: Prisma.ApiTokenGetPayload<{ select: Select }>[] = [];
  for (const [index, stretch] of stretches.entries()) {
    if (rows.length >= take) break;
    const stretchWhere: Where = Object.keys(stretch).length ? { ...where, AND: [...andList(where), stretch] } : where;
    const found = (await db.apiToken.findMany({ where: stretchWhere, orderBy: orderOf(sort, dir), skip, take: take - rows.length, select })) as Prisma.ApiTokenGetPayload<{ select: Select }>[];
    rows.push(...found);
    if (rows.length >= take || index === stretches.length - 1) break;
    // Rows found: this stretch ended within the page, the next one starts at its beginning.
    skip = found.length > 0 ? 0 : Math.max(0, skip - (await db.apiToken.count({ where: stretchWhere })));
  }
  return reversed ? rows.reverse() : rows;
}

const andList = (where: Where): Where[] => (where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND]);
