// Whether other instances may share this process's database: true on PostgreSQL (a deployment of
// several instances), false on SQLite (one process owns the file). Rate limits count, and cache
// invalidations travel, through the database only when it is shared; otherwise they stay in memory.
import { databaseKind, databaseUrl } from "@/lib/db/database-url";

/** False as well when no usable database is configured (a script that publishes nothing). */
export function databaseIsShared(): boolean {
  try {
    return databaseKind(databaseUrl()) === "postgresql";
  } catch {
    return false;
  }
}
