// Where SQLite and PostgreSQL differ for the raw SQL of modules outside lib/db: each difference is one
// function here with both spellings, so no module outside lib/db asks which database it runs on.
// Each function takes the dialect last, defaulting to the database of this process; tests pass it to
// check both spellings on either database. (Bound lists, rows and timestamps: lib/db/list-parameter.ts.)
import { databaseKind, type DatabaseKind } from "./database-url";

export type SqlDialect = DatabaseKind;

/**
 * Runs the implementation written for the database of this process: for work whose best form differs
 * by more than spelling (one statement with SKIP LOCKED on PostgreSQL, a conditional update on SQLite).
 */
export function perDatabase<T>(implementations: Record<SqlDialect, () => T>, dialect: SqlDialect = databaseKind()): T {
  return implementations[dialect]();
}

/** LIKE that ignores case, as Prisma's `mode: "insensitive"` (SQLite's LIKE already ignores ASCII case). */
export function caseInsensitiveLike(dialect: SqlDialect = databaseKind()): "LIKE" | "ILIKE" {
  return dialect === "postgresql" ? "ILIKE" : "LIKE";
}

/** Whether the database stores this text as it is: PostgreSQL refuses the NUL character in text. */
export function storesText(value: string, dialect: SqlDialect = databaseKind()): boolean {
  return dialect !== "postgresql" || !value.includes("\u0000");
}

/** SQL written with `?` for each argument, in order, as the database numbers them (`$1, $2, …` on PostgreSQL). */
export function numberedPlaceholders(sql: string, dialect: SqlDialect = databaseKind()): string {
  if (dialect !== "postgresql") return sql;
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/**
 * A sub-select whose one value is a JSON array with one object per row of `from` (an SQL `FROM … WHERE …`
 * text), in `orderBy` order, an empty array when there is none. `fields` lists the object's members as
 * `'name', expression` pairs.
 */
export function jsonArrayOfObjects(fields: string, from: string, orderBy: string, dialect: SqlDialect = databaseKind()): string {
  return dialect === "postgresql"
    ? `(SELECT coalesce(json_agg(json_build_object(${fields}) ORDER BY ${orderBy}), '[]'::json) ${from})`
    : `(SELECT json_group_array(json_object(${fields}) ORDER BY ${orderBy}) ${from})`;
}
