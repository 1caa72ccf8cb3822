// The token table's total without counting a million rows: the live tokens per user and kind, kept by
// database triggers on ApiToken (ApiTokenTally), plus the changes not yet folded into it
// (ApiTokenTallyDelta: on PostgreSQL the triggers append there, so concurrent writers of one user's
// tokens never queue on that user's tally row). The scheduler folds the changes in.
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { foldTokenTallyDeltas } from "@/lib/db/token-tally-fold";

/**
 * How many live tokens of `kind` the tenant holds, or one user of it. One statement, so a fold that
 * commits meanwhile is seen whole or not at all: the sum is exact either way.
 */
export async function countLiveTokens(tenantId: string, kind: string, userId: string | null): Promise<number> {
  const ofUser = userId === null ? Prisma.empty : Prisma.sql`AND "userId" = ${userId}`;
  const rows = await db.$queryRaw<{ total: bigint | number | null }[]>`
    SELECT
      (SELECT COALESCE(SUM("live"), 0) FROM "ApiTokenTally" WHERE "tenantId" = ${tenantId} AND "kind" = ${kind} ${ofUser}) +
      (SELECT COALESCE(SUM("delta"), 0) FROM "ApiTokenTallyDelta" WHERE "tenantId" = ${tenantId} AND "kind" = ${kind} ${ofUser}) AS "total"`;
  return Number(rows[0]?.total ?? 0);
}

/**
 * The same sum as countLiveTokens, as an SQL expression with `?` placeholders for a statement of one's
 * own (lib/resources/list-sql.ts's pageSql takes it as a page's total).
 */
export function liveTokensTotalSql(tenantId: string, kind: string, userId: string | null): { sql: string; args: unknown[] } {
  const ofUser = userId === null ? "" : ` AND "userId" = ?`;
  const args = userId === null ? [tenantId, kind] : [tenantId, kind, userId];
  return {
    sql:
      `(SELECT COALESCE(SUM("live"), 0) FROM "ApiTokenTally" WHERE "tenantId" = ? AND "kind" = ?${ofUser}) + ` +
      `(SELECT COALESCE(SUM("delta"), 0) FROM "ApiTokenTallyDelta" WHERE "tenantId" = ? AND "kind" = ?${ofUser})`,
    args: [...args, ...args],
  };
}

/** The scheduler's job: folds every pending change, a bounded batch at a time. */
export async function foldTokenTally(): Promise<number> {
  let total = 0;
  for (let folded = await foldTokenTallyDeltas(); folded > 0; folded = await foldTokenTallyDeltas()) total += folded;
  return total;
}

/** The live tokens of `kind` of each user of the tenant (users with none may be missing), as countLiveTokens counts them. */
export async function liveTokensByUser(tenantId: string, kind: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ userId: string; total: bigint | number | null }[]>`
    SELECT "userId", SUM("live") AS "total" FROM (
      SELECT "userId", "live" FROM "ApiTokenTally" WHERE "tenantId" = ${tenantId} AND "kind" = ${kind}
      UNION ALL
      SELECT "userId", "delta" AS "live" FROM "ApiTokenTallyDelta" WHERE "tenantId" = ${tenantId} AND "kind" = ${kind}
    ) AS "changes" GROUP BY "userId"`;
  return new Map(rows.map((row) => [row.userId, Number(row.total ?? 0)]));
}
