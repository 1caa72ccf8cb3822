// Substring search of API token names through each database's trigram index. PostgreSQL answers
// `ILIKE '%…%'` from a pg_trgm GIN index on the name itself, so the search stays a condition of the page
// query. SQLite's LIKE cannot use an index for a substring: the names are also in an FTS5 table with the
// trigram tokenizer (kept by triggers, see the token_table_sorts migration), which gives the ids of the
// matching tokens; the page query then takes those ids. A trigram needs three characters: a shorter
// search (or one matching so many names that walking the page's own index finds a page sooner) is the
// plain condition, checked on the rows of the tenant's index the page walks.
import type { Prisma } from "./generated/client";
import { db } from "./client";
import { perDatabase } from "./sql-dialect";
import { containsInsensitive } from "./contains";

/** The fewest characters a search needs to use the trigram index. */
export const TRIGRAM_LENGTH = 3;

/** Beyond this many matching names the ids would cost more than checking names along the page's index walk (and Prisma binds at most 999 values on SQLite). */
const MAX_MATCHED_IDS = 500;

/** API tokens whose name contains `query`, whatever its case, as a condition of a token query. */
export async function tokenNameContains(query: string): Promise<Prisma.ApiTokenWhereInput> {
  // PostgreSQL's pg_trgm index answers the ILIKE itself; SQLite's LIKE needs the FTS5 table's ids.
  const likeUsesTheIndex = perDatabase({ postgresql: () => true, sqlite: () => false });
  if (likeUsesTheIndex || [...query].length < TRIGRAM_LENGTH) return { name: containsInsensitive(query) };
  // One FTS5 phrase: the trigram tokenizer matches it as a substring of the name, ignoring case.
  const phrase = `"${query.replace(/"/g, '""')}"`;
  const rows = await db.$queryRawUnsafe<{ tokenId: string }[]>(`SELECT "tokenId" FROM "ApiTokenNameSearch" WHERE "name" MATCH ? LIMIT ?`, phrase, MAX_MATCHED_IDS + 1);
  if (rows.length > MAX_MATCHED_IDS) return { name: containsInsensitive(query) };
  // The trigram tokenizer also folds non-ASCII case, which LIKE does not: the name check keeps one meaning.
  return { id: { in: rows.map((row) => row.tokenId) }, name: containsInsensitive(query) };
}
