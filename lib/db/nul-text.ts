// PostgreSQL cannot store the NUL character (U+0000) in text: a query carrying one fails inside the
// database, which would surface as a 500. On PostgreSQL this extension refuses such a query up front
// as an invalid request instead, naming the field; SQLite stores the character and needs no check.
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

/** The argument path of the first string containing NUL or a lone surrogate, or null. */
function pathOfNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return null;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, nested] of entries) {
    const found = pathOfNul(nested, [...path, key]);
    if (found) return found;
  }
  return null;
}

function fieldOf(path: string[]): string {
  return [...path].reverse().find((key) => !STRUCTURE.has(key) && !/^\d+$/.test(key)) ?? "text";
}

export const refuseNulText = Prisma.defineExtension({
  name: "keyport-refuse-nul-text",
  query: {
    $allModels: {
      $allOperations({ args, query }) {
        const path = pathOfNul(args, []);
        if (path) {
          throw new AppError("invalid_request", "The request is not valid: text may not contain the NUL character or half of a surrogate pair.", {
            details: { [fieldOf(path)]: ["must not contain the NUL character (U+0000) or an unpaired surrogate (U+D800 to U+DFFF)"] },
          });
        }
        return query(args);
      },
    },
  },
});
