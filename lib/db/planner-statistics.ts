// The query planner's statistics. PostgreSQL keeps its own (autovacuum analyzes a table as it changes).
// SQLite has none until ANALYZE runs: without them it takes any equality on the tenant as a few rows, so
// at a million tokens it would walk a tenant index rather than fetch a hundred tokens by id (a name
// search) or range over a rare status. `PRAGMA optimize` analyzes what changed enough since the last time,
// reading at most `analysis_limit` rows of each index: milliseconds even at a million rows.
import { db } from "./client";
import { perDatabase } from "./sql-dialect";

/** Brings the planner's statistics up to date where the database does not do it itself. */
export async function refreshPlannerStatistics(): Promise<void> {
  await perDatabase({
    sqlite: async () => {
      await db.$queryRawUnsafe("PRAGMA analysis_limit = 1000");
      // 0x10002: analyze every table that needs it, including those never analyzed before.
      await db.$queryRawUnsafe("PRAGMA optimize = 0x10002");
    },
    postgresql: async () => {},
  });
}
