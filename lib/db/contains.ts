// Substring search that ignores case on every database. SQLite's LIKE already ignores (ASCII) case;
// PostgreSQL's does not unless the filter asks for `mode: "insensitive"` (ILIKE), an option the
// SQLite client's types do not know, so it is added here, at run time, and nowhere else.
import { databaseKind } from "./database-url";

let postgres: boolean | undefined;

/** A Prisma string filter matching values that contain `value`, whatever their case. */
export function containsInsensitive(value: string): { contains: string } {
  postgres ??= databaseKind() === "postgresql";
  return postgres ? ({ contains: value, mode: "insensitive" } as { contains: string }) : { contains: value };
}
