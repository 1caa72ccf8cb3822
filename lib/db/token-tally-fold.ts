// Folds the token tally's pending changes (ApiTokenTallyDelta) into the tally (ApiTokenTally).
//
// PostgreSQL: one statement deletes a batch of changes and adds their sums to the tally, so exactly the
// changes it removed are counted, even when another fold or a writer runs at the same time (a change
// committed meanwhile is not in the batch, and stays for the next fold). SQLite: the triggers update the
// tally themselves (one writer at a time, no row to queue on) and never append a change: nothing to do.
import { crossTenantDb } from "@/lib/db/client";
import { databaseKind } from "@/lib/db/database-url";

/** Changes folded by one call at most: a fold is one short statement, whatever piled up. */
export const TALLY_FOLD_BATCH = 50_000;

/** Folds up to `limit` pending changes; answers how many it folded (0: none left). */
export async function foldTokenTallyDeltas(limit = TALLY_FOLD_BATCH): Promise<number> {
  if (databaseKind() !== "postgresql") return 0;
  // Cross-tenant by design: the fold serves every tenant, and each change names its own.
  const rows = await crossTenantDb.$queryRaw<{ folded: bigint | number }[]>`
    WITH moved AS (
      DELETE FROM "ApiTokenTallyDelta"
      WHERE "id" IN (SELECT "id" FROM "ApiTokenTallyDelta" ORDER BY "id" LIMIT ${limit})
      RETURNING "tenantId", "userId", "kind", "delta"
    ), summed AS (
      INSERT INTO "ApiTokenTally" ("tenantId", "userId", "kind", "live")
      SELECT "tenantId", "userId", "kind", SUM("delta")::INTEGER FROM moved GROUP BY "tenantId", "userId", "kind"
      ON CONFLICT ("tenantId", "userId", "kind") DO UPDATE SET "live" = "ApiTokenTally"."live" + EXCLUDED."live"
      RETURNING 1
    )
    SELECT COUNT(*) AS "folded" FROM moved`;
  return Number(rows[0]?.folded ?? 0);
}
