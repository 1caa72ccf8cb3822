// Lists bound as ONE parameter of a raw statement: the statement's text and its parameter count stay the
// same whatever the list's length, so one prepared statement serves a list of 1 or of 1000, and no list
// meets a limit on bound parameters. The one place that knows how each database spells them:
//   a list of strings   SQLite: column IN (SELECT value FROM json_each(?))    PostgreSQL: column = ANY($n::text[])
//   rows of a table     SQLite: (SELECT json_extract(value, '$.c') … FROM json_each(?))
//                       PostgreSQL: jsonb_to_recordset($n::jsonb) AS r("c" type, …)
//   a timestamp         as Prisma stores DateTime: ISO text ending "+00:00" on SQLite, `timestamp` on PostgreSQL
import { databaseKind, type DatabaseKind } from "./database-url";

/** The placeholder of the `index`-th argument (from 1): `?` on SQLite, `$index` on PostgreSQL. */
export function placeholder(index: number, dialect: DatabaseKind = databaseKind()): string {
  return dialect === "postgresql" ? `$${index}` : "?";
}

/** `column` is one of the strings of the `index`-th argument, bound with textListArgument. */
export function inTextList(column: string, index: number, dialect: DatabaseKind = databaseKind()): string {
  return dialect === "postgresql" ? `${column} = ANY($${index}::text[])` : `${column} IN (SELECT value FROM json_each(?))`;
}

/** The argument that inTextList's placeholder stands for. */
export function textListArgument(values: readonly string[], dialect: DatabaseKind = databaseKind()): string | string[] {
  return dialect === "postgresql" ? [...values] : JSON.stringify(values);
}

export type RowColumn = { name: string; type: "text" | "integer" };

/** A FROM item named `alias` whose rows are the objects of the `index`-th argument (bound with rowsArgument). */
export function rowsOf(index: number, columns: readonly RowColumn[], alias: string, dialect: DatabaseKind = databaseKind()): string {
  if (dialect === "postgresql") return `jsonb_to_recordset($${index}::jsonb) AS ${alias}(${columns.map((column) => `"${column.name}" ${column.type}`).join(", ")})`;
  return `(SELECT ${columns.map((column) => `json_extract(value, '$.${column.name}') AS "${column.name}"`).join(", ")} FROM json_each(?)) AS ${alias}`;
}

export function rowsArgument(rows: readonly Record<string, string | number>[]): string {
  return JSON.stringify(rows);
}

/** The placeholder of a timestamp argument (bound with timestampArgument). */
export function timestampPlaceholder(index: number, dialect: DatabaseKind = databaseKind()): string {
  return dialect === "postgresql" ? `$${index}::timestamp` : "?";
}

export function timestampArgument(value: Date, dialect: DatabaseKind = databaseKind()): string {
  return dialect === "postgresql" ? value.toISOString() : value.toISOString().replace("Z", "+00:00");
}
