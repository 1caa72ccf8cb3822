// Every list endpoint's query: filters, sorting and paging, all done in the database. Each resource
// declares its filterable fields and sort fields (a ResourceSpec); this module checks a list request
// (already read and shape-checked by lib/api/list-request.ts) against that declaration and turns it
// into a Prisma `where`/`orderBy`. Unknown fields or operators, and values of the wrong type, are an
// invalid_request (400) whose `details` name each offending path, e.g. "filters.severity.eq".
import { AppError, type ErrorDetails } from "@/lib/errors";
import { containsInsensitive } from "@/lib/db/contains";

export const OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "range", "contains", "isset", "isnotset"] as const;
export type Operator = (typeof OPERATORS)[number];

export const MAX_LIMIT = 100;

/** The range of the integer columns a filter may compare with. */
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

type Where = Record<string, unknown>;
export type FieldType = "string" | "int" | "bool" | "date";

export type FieldSpec = {
  type: FieldType;
  /** The model's column; omitted when `toWhere` builds the condition itself. */
  column?: string;
  operators: readonly Operator[];
  /** For fields that are not a plain column (relations, JSON text, derived flags). */
  toWhere?: (operator: Operator, value: unknown) => Where;
  /** Allowed values, for enumerations. */
  oneOf?: readonly (string | number)[];
};

export type ResourceSpec = {
  fields: Record<string, FieldSpec>;
  /** API sort field → column. */
  sortFields: Record<string, string>;
  defaultSort: { column: string; direction: "asc" | "desc" };
};

export type ListQuery = { where: Where; orderBy: Where[]; skip: number; take: number };
export type ListPage<T> = { data: T[]; hasNext: boolean; total: number };

export type Filters = Record<string, Record<string, unknown>>;

/** A list request as a client sends it: `{"filters": {"field": {"op": value}}, skip, limit, sortField, sortDirection}`. */
export type ListRequest = {
  filters?: Filters;
  skip?: number;
  /** At most MAX_LIMIT; lib/api/list-request.ts refuses more. */
  limit?: number;
  sortField?: string;
  sortDirection?: "asc" | "desc";
};

/** The database query for a list request; omitted paging means the first MAX_LIMIT rows. */
export function buildListQuery(request: ListRequest, spec: ResourceSpec): ListQuery {
  const where = filtersToWhere(request.filters ?? {}, spec);

  let orderBy: Where[];
  if (request.sortField !== undefined) {
    const column = Object.hasOwn(spec.sortFields, request.sortField) ? spec.sortFields[request.sortField] : undefined;
    if (!column) {
      throw invalid({ sortField: [`Unknown sort field '${request.sortField}'. Sortable: ${Object.keys(spec.sortFields).join(", ")}.`] });
    }
    orderBy = [{ [column]: request.sortDirection ?? "desc" }];
  } else {
    orderBy = [{ [spec.defaultSort.column]: request.sortDirection ?? spec.defaultSort.direction }];
  }
  // A unique tie-breaker keeps pages stable when many rows share the sort value.
  orderBy.push({ id: "asc" });
  return { where, orderBy, skip: request.skip ?? 0, take: Math.min(request.limit ?? MAX_LIMIT, MAX_LIMIT) };
}

/** Runs the page query and the count together; fetching one extra row tells whether there is a next page. */
export async function runListQuery<Row, Out>(
  query: ListQuery,
  tenantId: string,
  find: (args: { where: Where; orderBy: Where[]; skip: number; take: number }) => Promise<Row[]>,
  count: (args: { where: Where }) => Promise<number>,
  serialize: (row: Row) => Out,
): Promise<ListPage<Out>> {
  // The tenant condition comes first and is never optional: a page only ever holds one tenant's rows.
  const where = { AND: [{ tenantId }, query.where] };
  const [rows, total] = await Promise.all([find({ where, orderBy: query.orderBy, skip: query.skip, take: query.take + 1 }), count({ where })]);
  return { data: rows.slice(0, query.take).map(serialize), hasNext: rows.length > query.take, total };
}

/** The `where` for a request's filters, checked against the resource's declaration. */
export function filtersToWhere(filters: Filters, spec: ResourceSpec): Where {
  const conditions: Where[] = [];
  const details: ErrorDetails = {};
  const fail = (path: string, message: string) => (details[path] ??= []).push(message);

  for (const [field, operations] of Object.entries(filters)) {
    const fieldSpec = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
    if (!fieldSpec) {
      fail(`filters.${field}`, `Unknown filter field '${field}'. Filterable: ${Object.keys(spec.fields).join(", ")}.`);
      continue;
    }
    if (Object.keys(operations).length === 0) fail(`filters.${field}`, "Give at least one operator, for example {\"eq\": [...]}.");
    for (const [operator, rawValue] of Object.entries(operations)) {
      const path = `filters.${field}.${operator}`;
      if (!(OPERATORS as readonly string[]).includes(operator)) {
        fail(path, `Unknown operator '${operator}'. Operators: ${OPERATORS.join(", ")}.`);
        continue;
      }
      const op = operator as Operator;
      if (!fieldSpec.operators.includes(op)) {
        fail(path, `The operator '${op}' does not apply to '${field}'. Use one of: ${fieldSpec.operators.join(", ")}.`);
        continue;
      }
      const value = coerceValue(op, rawValue, fieldSpec);
      if (value instanceof Invalid) {
        fail(path, value.message);
        continue;
      }
      conditions.push(fieldSpec.toWhere ? fieldSpec.toWhere(op, value) : columnWhere(fieldSpec.column ?? field, op, value, fieldSpec.type));
    }
  }
  if (Object.keys(details).length) throw invalid(details);
  return conditions.length ? { AND: conditions } : {};
}

/** What a filter value that does not fit its field coerces to. */
class Invalid {
  constructor(readonly message: string) {}
}

/** The typed value for the operator, or an Invalid saying what was expected. */
function coerceValue(op: Operator, raw: unknown, spec: FieldSpec): unknown {
  if (op === "isset" || op === "isnotset") {
    return raw === true || raw === undefined || raw === null ? true : raw === false ? false : new Invalid(`${op} takes true`);
  }
  if (op === "range") {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return new Invalid('range takes {"start": …, "end": …}');
    const { start, end } = raw as { start?: unknown; end?: unknown };
    const from = start === undefined ? undefined : scalar(start, spec);
    const to = end === undefined ? undefined : scalar(end, spec);
    if (from === undefined && to === undefined) return new Invalid("range needs start, end or both");
    if (isError(from)) return from;
    if (isError(to)) return to;
    return { start: from, end: to };
  }
  if (op === "eq" || op === "neq" || op === "contains") {
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0) return new Invalid(`${op} needs at least one value`);
    if (list.length > 500) return new Invalid(`${op} takes at most 500 values`);
    const values: unknown[] = [];
    for (const item of list) {
      const value = op === "contains" ? text(item) : enumerated(scalar(item, spec), item, spec);
      if (isError(value)) return value;
      values.push(value);
    }
    return values;
  }
  return scalar(raw, spec);
}

const isError = (value: unknown): value is Invalid => value instanceof Invalid;

function scalar(value: unknown, spec: FieldSpec): unknown {
  let result: unknown;
  switch (spec.type) {
    case "string":
      result = text(value);
      break;
    case "int":
      // Integer columns are 32-bit (PostgreSQL's integer): a value beyond them matches nothing, but
      // would fail in the database instead of being refused here.
      result =
        typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
          ? value
          : new Invalid(`expected a whole number from ${INT32_MIN} to ${INT32_MAX}`);
      break;
    case "bool":
      result = typeof value === "boolean" ? value : new Invalid("expected true or false");
      break;
    case "date":
      result =
        typeof value === "number" && Number.isFinite(value) && Math.abs(value) < 8.64e15
          ? new Date(value)
          : new Invalid("expected a time in milliseconds since the epoch");
      break;
  }
  return result;
}

/** Equality against an enumeration must name one of its values; comparisons need not. */
function enumerated(result: unknown, value: unknown, spec: FieldSpec): unknown {
  if (!isError(result) && spec.oneOf && !spec.oneOf.includes(value as string | number)) {
    return new Invalid(`expected one of ${spec.oneOf.join(", ")}`);
  }
  return result;
}

function text(value: unknown): unknown {
  if (typeof value !== "string") return new Invalid("expected a string");
  if (value.length > 500) return new Invalid("a value is at most 500 characters");
  return value;
}

/** The condition for a plain column; exported for fields whose `toWhere` maps onto another column. */
export function columnWhere(column: string, op: Operator, value: unknown, type: FieldType = "string"): Where {
  switch (op) {
    case "eq":
      // Prisma's Boolean filter has no `in`.
      return type === "bool" ? { OR: (value as boolean[]).map((one) => ({ [column]: one })) } : { [column]: { in: value } };
    case "neq":
      return type === "bool" ? { AND: (value as boolean[]).map((one) => ({ [column]: { not: one } })) } : { [column]: { notIn: value } };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return { [column]: { [op]: value } };
    case "range": {
      const { start, end } = value as { start?: unknown; end?: unknown };
      return { [column]: { ...(start !== undefined ? { gte: start } : {}), ...(end !== undefined ? { lte: end } : {}) } };
    }
    case "contains":
      return { OR: (value as string[]).map((part) => ({ [column]: containsInsensitive(part) })) };
    case "isset":
      return value ? { [column]: { not: null } } : { [column]: null };
    case "isnotset":
      return value ? { [column]: null } : { [column]: { not: null } };
  }
}

function invalid(details: ErrorDetails): AppError {
  return new AppError("invalid_request", "The list request is not valid: see error.details.", { details });
}
