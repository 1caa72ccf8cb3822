// SCIM filters (RFC 7644 §3.4.2.2) as database queries: scim2-parse-filter reads the grammar into a
// tree, and each node becomes a Prisma `where` here, so a filter is answered by the database, never
// by scanning rows in memory. Each resource type says which attributes may be filtered and how each
// maps to its columns; any other attribute is an `invalidFilter` refusal.
//
// Comparisons follow SQL's three-valued logic with care: a positive condition on a column that may be
// null also requires it to be set, so `not (...)` of it matches the rows where the column is null.
import { parse, type Filter } from "scim2-parse-filter";
import { scimError } from "@/lib/scim/errors";

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "lt" | "ge" | "le" | "pr";
export type Where = Record<string, unknown>;

/** How one attribute is filtered: the condition for an operator and a value (`pr`: value undefined). */
export type AttributeFilter = (op: Exclude<CompareOp, "ne">, value: string | number | boolean | null | undefined) => Where;

export type FilterSchema = {
  /** The resource type's own schema URN: attribute paths may be written with it in front. */
  schemaUrn: string;
  /** Filterable attributes by lower-case path ("username", "emails.value", "meta.created"). */
  /** A value path `attr[sub op value]` reads its filter's attributes as "attr.sub". */
  attributes: Readonly<Record<string, AttributeFilter>>;
};

const MAX_FILTER_LENGTH = 2_000;
const MAX_DEPTH = 20;

/** The filter of a list request as a `where`; null when there is none. */
export function filterToWhere(schema: FilterSchema, filter: string | null | undefined): Where | null {
  if (filter === null || filter === undefined || filter.trim() === "") return null;
  if (filter.length > MAX_FILTER_LENGTH) throw scimError("invalidFilter", `The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  let tree: Filter;
  try {
    tree = parse(filter);
  } catch (error) {
    throw scimError("invalidFilter", `The filter could not be read: ${(error as Error).message}.`);
  }
  return translate(schema, tree, "", 0);
}

function translate(schema: FilterSchema, node: Filter, prefix: string, depth: number): Where {
  if (depth > MAX_DEPTH) throw scimError("invalidFilter", "The filter is nested too deeply.");
  switch (node.op) {
    case "and":
    case "or": {
      const parts = (node as { filters: Filter[] }).filters.map((part) => translate(schema, part, prefix, depth + 1));
      return node.op === "and" ? { AND: parts } : { OR: parts };
    }
    case "not":
      return { NOT: [translate(schema, (node as { filter: Filter }).filter, prefix, depth + 1)] };
    case "[]": {
      const valuePath = node as { attrPath: string; valFilter: Filter };
      if (prefix) throw scimError("invalidFilter", "A value path cannot hold another value path.");
      return translate(schema, valuePath.valFilter, `${attributePath(schema, valuePath.attrPath)}.`, depth + 1);
    }
    default: {
      const compare = node as { op: string; attrPath: string; compValue?: string | number | boolean | null };
      const path = prefix + attributePath(schema, compare.attrPath);
      const attribute = schema.attributes[path];
      if (!attribute) throw scimError("invalidFilter", `"${compare.attrPath}" is not an attribute that can be filtered here.`);
      const op = compare.op.toLowerCase() as CompareOp;
      if (op === "pr") return attribute("pr", undefined);
      const value = compare.compValue;
      // `attr eq null` is how some clients ask for "not present".
      if (value === null && (op === "eq" || op === "ne")) return op === "eq" ? { NOT: [attribute("pr", undefined)] } : attribute("pr", undefined);
      if (op === "ne") return { NOT: [attribute("eq", value)] };
      return attribute(op, value);
    }
  }
}

/** The lower-case attribute path, without the resource type's schema URN in front. */
function attributePath(schema: FilterSchema, path: string): string {
  const lower = path.toLowerCase();
  const urn = `${schema.schemaUrn.toLowerCase()}:`;
  return lower.startsWith(urn) ? lower.slice(urn.length) : lower;
}

/** A string column. `lowerCase`: the column holds lower case, and values are compared in lower case. */
export function stringColumn(column: string, options: { nullable?: boolean; lowerCase?: boolean } = {}): AttributeFilter {
  return (op, raw) => {
    if (op === "pr") return options.nullable ? { [column]: { not: null } } : {};
    if (typeof raw === "boolean" || raw === null || raw === undefined) throw scimError("invalidFilter", "This attribute is compared with a string.");
    const value = options.lowerCase ? String(raw).toLowerCase() : String(raw);
    const guard = options.nullable ? { not: null } : {};
    return { [column]: { ...guard, ...stringOperator(op, value) } };
  };
}

export function stringOperator(op: Exclude<CompareOp, "ne" | "pr">, value: string): Where {
  switch (op) {
    case "eq":
      return { equals: value };
    case "co":
      return { contains: value };
    case "sw":
      return { startsWith: value };
    case "ew":
      return { endsWith: value };
    case "gt":
      return { gt: value };
    case "ge":
      return { gte: value };
    case "lt":
      return { lt: value };
    case "le":
      return { lte: value };
  }
}

/** A date-time column (meta.created, meta.lastModified): the value must be an xsd:dateTime. */
export function dateColumn(column: string): AttributeFilter {
  return (op, raw) => {
    if (op === "pr") return {};
    const when = typeof raw === "string" ? new Date(raw) : null;
    if (!when || Number.isNaN(when.getTime())) throw scimError("invalidFilter", "A date-time is compared with a date-time such as \"2026-01-31T08:00:00Z\".");
    const operators: Record<string, string> = { eq: "equals", gt: "gt", ge: "gte", lt: "lt", le: "lte" };
    const operator = operators[op];
    if (!operator) throw scimError("invalidFilter", `A date-time cannot be compared with "${op}".`);
    return { [column]: { [operator]: when } };
  };
}

/** A boolean derived from a nullable column: true when it is null (active: not deprovisioned). */
export function booleanOfNull(column: string): AttributeFilter {
  return (op, raw) => {
    if (op === "pr") return {};
    const value = typeof raw === "string" ? raw.toLowerCase() === "true" ? true : raw.toLowerCase() === "false" ? false : null : raw;
    if (op !== "eq" || typeof value !== "boolean") throw scimError("invalidFilter", "A boolean is compared with eq, ne or pr, and true or false.");
    return value ? { [column]: null } : { [column]: { not: null } };
  };
}

/** An attribute every row matches whatever the value (the sub-attributes Keyport does not keep apart). */
export const matchesAll: AttributeFilter = () => ({});
