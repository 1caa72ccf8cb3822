// A list page as one SQL statement, for the lists the API serves most. Through Prisma a page with its
// total and one relation is four queries (the rows, the join rows, the related rows, the count), and
// Prisma's JavaScript engine compiles each of them afresh on every call: most of a request's CPU. Here
// the rows, their related rows (as JSON) and the total come from one statement the database plans.
//
// The statement is built from the very `where` and `orderBy` that lib/resources/list-query.ts builds
// for Prisma, translated operator by operator with Prisma's own SQL semantics (plain LIKE / ILIKE with
// the value between %, SQL NULL rules, the database's default NULL ordering). Whatever this module does
// not know (a nested relation, `not` on a nullable column, a NUL character on PostgreSQL, ...) makes
// it answer null, and the caller runs the Prisma query instead: a new filter can never be misread here.
import { caseInsensitiveLike, numberedPlaceholders, storesText, type SqlDialect } from "@/lib/db/sql-dialect";

type Where = Record<string, unknown>;
/** The database the SQL is for; undefined: the database of this process. */
type Dialect = SqlDialect | undefined;

export type SqlColumn = { nullable?: boolean };
export type SqlTable = {
  table: string;
  /** The columns a `where` or `orderBy` may name. Names are never taken from a request, only from here. */
  columns: Record<string, SqlColumn>;
  /** One-to-many relations a filter may test with `some` / `none`: the join table and its key back to this table. */
  relations?: Record<string, { table: string; foreignKey: string; columns: Record<string, SqlColumn> }>;
};

/** SQL text with `?` for each argument, in order; `finish` numbers them for PostgreSQL. */
class Fragment {
  constructor(
    readonly text: string,
    readonly args: unknown[] = [],
  ) {}
}

const quote = (name: string) => `"${name}"`;

/** Thrown inside the translator for anything it does not handle; turned into `null` at the edge. */
class Unsupported extends Error {}

function columnOf(columns: Record<string, SqlColumn>, name: string): SqlColumn {
  if (!Object.hasOwn(columns, name)) throw new Unsupported(name);
  return columns[name];
}

function checkValue(value: unknown, dialect: Dialect): unknown {
  if (typeof value === "string") {
    // Text the database refuses (NUL on PostgreSQL): the Prisma path answers it as an invalid request.
    if (!storesText(value, dialect)) throw new Unsupported("NUL");
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  throw new Unsupported(typeof value);
}

function join(parts: Fragment[], separator: string, empty: string): Fragment {
  if (parts.length === 0) return new Fragment(empty);
  if (parts.length === 1) return parts[0];
  return new Fragment(`(${parts.map((part) => part.text).join(separator)})`, parts.flatMap((part) => part.args));
}

function scalarCondition(ref: string, column: SqlColumn, filter: unknown, dialect: Dialect): Fragment {
  if (filter === null) return new Fragment(`${ref} IS NULL`);
  if (typeof filter !== "object" || filter instanceof Date) return new Fragment(`${ref} = ?`, [checkValue(filter, dialect)]);
  const parts: Fragment[] = [];
  const operations = filter as Record<string, unknown>;
  for (const [operator, value] of Object.entries(operations)) {
    switch (operator) {
      case "equals":
        parts.push(value === null ? new Fragment(`${ref} IS NULL`) : new Fragment(`${ref} = ?`, [checkValue(value, dialect)]));
        break;
      case "not":
        if (value === null) parts.push(new Fragment(`${ref} IS NOT NULL`));
        else if (column.nullable || typeof value === "object") throw new Unsupported("not");
        else parts.push(new Fragment(`${ref} <> ?`, [checkValue(value, dialect)]));
        break;
      case "in":
      case "notIn": {
        if (!Array.isArray(value)) throw new Unsupported(operator);
        if (operator === "notIn" && column.nullable) throw new Unsupported("notIn");
        const values = value.map((item) => checkValue(item, dialect));
        if (values.length === 0) parts.push(new Fragment(operator === "in" ? "1 = 0" : "1 = 1"));
        else parts.push(new Fragment(`${ref} ${operator === "in" ? "IN" : "NOT IN"} (${values.map(() => "?").join(", ")})`, values));
        break;
      }
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        parts.push(new Fragment(`${ref} ${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[operator]} ?`, [checkValue(value, dialect)]));
        break;
      case "contains": {
        if (typeof value !== "string") throw new Unsupported("contains");
        const mode = operations.mode;
        if (mode !== undefined && mode !== "insensitive" && mode !== "default") throw new Unsupported("mode");
        // As Prisma: the value between %, its own % and _ left as wildcards; SQLite's LIKE ignores ASCII case.
        const like = mode === "insensitive" ? caseInsensitiveLike(dialect) : "LIKE";
        parts.push(new Fragment(`${ref} ${like} ?`, [`%${checkValue(value, dialect)}%`]));
        break;
      }
      case "mode":
        if (!("contains" in operations)) throw new Unsupported("mode");
        break;
      default:
        throw new Unsupported(operator);
    }
  }
  return join(parts, " AND ", "1 = 1");
}

function condition(where: Where, alias: string, table: Pick<SqlTable, "columns" | "relations">, dialect: Dialect): Fragment {
  const parts: Fragment[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) throw new Unsupported("undefined");
    if (key === "AND" || key === "OR") {
      const list = Array.isArray(value) ? value : [value];
      const nested = list.map((item) => {
        if (!item || typeof item !== "object" || Array.isArray(item)) throw new Unsupported(key);
        return condition(item as Where, alias, table, dialect);
      });
      // Prisma: an empty AND holds, an empty OR does not.
      parts.push(join(nested, key === "AND" ? " AND " : " OR ", key === "AND" ? "1 = 1" : "1 = 0"));
    } else if (table.relations && Object.hasOwn(table.relations, key)) {
      const relation = table.relations[key];
      const filter = value as Record<string, unknown>;
      const kinds = Object.keys(filter ?? {});
      if (kinds.length !== 1 || (kinds[0] !== "some" && kinds[0] !== "none")) throw new Unsupported(key);
      const inner = condition(filter[kinds[0]] as Where, "r", { columns: relation.columns }, dialect);
      parts.push(
        new Fragment(
          `${kinds[0] === "none" ? "NOT " : ""}EXISTS (SELECT 1 FROM ${quote(relation.table)} r WHERE r.${quote(relation.foreignKey)} = ${alias}."id" AND ${inner.text})`,
          inner.args,
        ),
      );
    } else {
      parts.push(scalarCondition(`${alias}.${quote(key)}`, columnOf(table.columns, key), value, dialect));
    }
  }
  return join(parts, " AND ", "1 = 1");
}

function orderByClause(orderBy: Where[], alias: string, table: SqlTable): string {
  return orderBy
    .map((entry) => {
      const keys = Object.keys(entry);
      if (keys.length !== 1) throw new Unsupported("orderBy");
      const direction = entry[keys[0]];
      if (direction !== "asc" && direction !== "desc") throw new Unsupported("orderBy");
      columnOf(table.columns, keys[0]);
      return `${alias}.${quote(keys[0])} ${direction.toUpperCase()}`;
    })
    .join(", ");
}

/** The database's placeholders for the `?` of the fragment (none of the generated text holds a literal ?). */
function finish(fragment: Fragment, dialect: Dialect): { sql: string; args: unknown[] } {
  return { sql: numberedPlaceholders(fragment.text, dialect), args: fragment.args };
}

export type PageQuery = { where: Where; orderBy: Where[]; skip: number; take: number };
export type PageSql = {
  /** The page (`take` rows after `skip`), each row with a `total` column: the count of every matching row. */
  page: { sql: string; args: unknown[] };
  /** The count alone, for a page past the end (no row to carry the total). */
  count: { sql: string; args: unknown[] };
};

/** An SQL expression with `?` for each argument, in order. */
export type SqlExpression = { sql: string; args: unknown[] };

/**
 * The SQL for one page of `table` in one tenant, or null when the query holds something this module
 * does not translate. `select(alias)` lists the output columns of a row of `alias`. `options.total`: an
 * expression the caller knows to equal the count of the matching rows (a tally kept by the database),
 * used instead of counting them.
 */
export function pageSql(
  query: PageQuery,
  tenantId: string,
  table: SqlTable,
  select: (alias: string) => string,
  dialect?: SqlDialect,
  options: { total?: SqlExpression } = {},
): PageSql | null {
  try {
    const rows = condition({ AND: [{ tenantId }, query.where] }, "a", table, dialect);
    const counted = options.total
      ? new Fragment(`(${options.total.sql})`, options.total.args)
      : (() => {
          const matching = condition({ AND: [{ tenantId }, query.where] }, "c", table, dialect);
          return new Fragment(`(SELECT count(*) FROM ${quote(table.table)} c WHERE ${matching.text})`, matching.args);
        })();
    const order = orderByClause(query.orderBy, "a", table);
    const page = new Fragment(`SELECT ${select("a")}, ${counted.text} AS "total" FROM ${quote(table.table)} a WHERE ${rows.text} ORDER BY ${order} LIMIT ? OFFSET ?`, [
      ...counted.args,
      ...rows.args,
      query.take,
      query.skip,
    ]);
    return { page: finish(page, dialect), count: finish(new Fragment(`SELECT ${counted.text} AS "total"`, counted.args), dialect) };
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** A JSON array column from the database: SQLite hands back its text, PostgreSQL's driver the parsed value. */
export function jsonColumn<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}
