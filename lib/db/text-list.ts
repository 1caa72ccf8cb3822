// A list of strings bound as ONE parameter of a raw statement (for lib/db/direct-read.ts's readRows):
// the statement's text and its parameter count stay the same whatever the list's length, so one
// prepared statement serves a list of 1 or of 1000, and no list meets a limit on bound parameters.
//   SQLite:      column IN (SELECT value FROM json_each(?))   with the list as JSON text
//   PostgreSQL:  column = ANY($n::text[])                     with the list as an array
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
