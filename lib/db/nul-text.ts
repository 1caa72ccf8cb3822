// Text a database cannot take would fail inside the query and surface as a 500. This client extension
// refuses such a query up front as an invalid request instead, naming the field:
//   - half of a UTF-16 surrogate pair on its own (JSON may spell one, "\ud800"), on both databases:
//     UTF-8 has no encoding for it, so PostgreSQL's text cannot hold it, and Prisma's query engine
//     cannot even pass it to SQLite;
//   - the NUL character (U+0000), on PostgreSQL only: SQLite stores it.
import { Prisma } from "./generated/client";
import { AppError } from "@/lib/errors";

/** Keys of Prisma's query arguments that are not fields: skipped when naming the offending field. */
const STRUCTURE = new Set([
  "where", "data", "create", "update", "upsert", "connect", "connectOrCreate", "set", "select", "include", "orderBy", "cursor",
  "AND", "OR", "NOT", "some", "every", "none", "is", "isNot",
  "equals", "in", "notIn", "not", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith", "mode",
]);

// Half of a UTF-16 surrogate pair on its own (JSON may spell one, "\ud800"): UTF-8, and so PostgreSQL's
// text, has no encoding for it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The argument path of the first string containing a lone surrogate (or NUL, when refused), or null. */
function pathOfUnstorable(value: unknown, path: string[], refuseNul: boolean): string[] | null {
  if (typeof value === "string") return (refuseNul && value.includes("\u0000")) || LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return null;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, nested] of entries) {
    const found = pathOfUnstorable(nested, [...path, key], refuseNul);
    if (found) return found;
  }
  return null;
}

function fieldOf(path: string[]): string {
  return [...path].reverse().find((key) => !STRUCTURE.has(key) && !/^\d+$/.test(key)) ?? "text";
}

/** The extension for a database: `refuseNul` on PostgreSQL, whose text cannot hold U+0000. */
export function refuseUnstorableText(options: { refuseNul: boolean }) {
  const refused = options.refuseNul ? "the NUL character (U+0000) or an unpaired surrogate (U+D800 to U+DFFF)" : "an unpaired surrogate (U+D800 to U+DFFF)";
  return Prisma.defineExtension({
    name: "keyport-refuse-unstorable-text",
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const path = pathOfUnstorable(args, [], options.refuseNul);
          if (path) {
            throw new AppError("invalid_request", `The request is not valid: text may not contain ${options.refuseNul ? "the NUL character or " : ""}half of a surrogate pair.`, {
              details: { [fieldOf(path)]: [`must not contain ${refused}`] },
            });
          }
          return query(args);
        },
      },
    },
  });
}
