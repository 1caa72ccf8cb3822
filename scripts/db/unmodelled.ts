// Database objects the migrations create that Prisma's schema language cannot describe: the token
// name search index of each database (SQLite: an FTS5 table with the trigram tokenizer and its shadow
// tables; PostgreSQL: a GIN trigram index). Prisma's diff proposes to drop them; these are the only
// statements of a diff that are left out, both when a new migration is written and when the
// migrations are checked against the schema.
const UNMODELLED = [/"ApiTokenNameSearch(_\w+)?"/, /"ApiToken_name_trgm_idx"/];

/** The diff without its statements on unmodelled objects; null when nothing else is left. */
export function withoutUnmodelled(sql: string): string | null {
  // Prisma writes each change as a block that starts with a "-- Kind" comment line.
  const blocks = sql.split(/\n(?=-- [A-Z])/);
  const kept = blocks.filter((block) => !UNMODELLED.some((pattern) => pattern.test(block)));
  const text = kept.join("\n").trim();
  return text.replace(/^--.*$/gm, "").trim() ? text + "\n" : null;
}
