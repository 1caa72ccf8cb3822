// The Users table's state as it stands in the page URL (search, role and state filters, sort), and
// how it picks and orders a tenant's users. A tenant has people, not millions of rows: the page loads
// them all and this narrows them on the server. Imports nothing that reaches the database.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/permissions";

export const USER_SORT_FIELDS = ["name", "role", "state", "tokens", "added"] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** Anything unreadable falls back to the default, so an edited or old link still opens the page. */
export const userTableQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(["all", ...ROLES]).catch("all"),
  state: z.enum(["all", "active", "deprovisioned"]).catch("all"),
  sort: z.enum(USER_SORT_FIELDS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
export type UserTableQuery = z.infer<typeof userTableQuerySchema>;

export const DEFAULT_USER_TABLE_QUERY: UserTableQuery = userTableQuerySchema.parse({});

type Row = { name: string; email: string; role: string; deprovisionedAt: string | null; createdAt: string; apiTokenCount: number };

const ROLE_ORDER = new Map<string, number>(ROLES.map((role: Role, index) => [role, index]));

const COMPARE: Record<UserSortField, (a: Row, b: Row) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email),
  role: (a, b) => (ROLE_ORDER.get(a.role) ?? 99) - (ROLE_ORDER.get(b.role) ?? 99),
  state: (a, b) => Number(a.deprovisionedAt !== null) - Number(b.deprovisionedAt !== null),
  tokens: (a, b) => a.apiTokenCount - b.apiTokenCount,
  added: (a, b) => a.createdAt.localeCompare(b.createdAt),
};

/** The rows the query selects, in its order (ties broken by name, then email, always ascending). */
export function selectUsers<T extends Row>(rows: T[], query: UserTableQuery): T[] {
  const needle = query.q.toLowerCase();
  const picked = rows.filter(
    (row) =>
      (needle === "" || row.name.toLowerCase().includes(needle) || row.email.toLowerCase().includes(needle)) &&
      (query.role === "all" || row.role === query.role) &&
      (query.state === "all" || (query.state === "active") === (row.deprovisionedAt === null)),
  );
  const direction = query.dir === "asc" ? 1 : -1;
  return picked.sort((a, b) => direction * COMPARE[query.sort](a, b) || COMPARE.name(a, b));
}
