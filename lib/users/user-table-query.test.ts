import { describe, expect, it } from "vitest";
import { selectUsers, userTableQuerySchema } from "@/lib/users/user-table-query";

const rows = [
  { name: "Ada Admin", email: "ada@x.test", role: "GLOBAL_ADMIN", deprovisionedAt: null, createdAt: "2026-01-03T00:00:00.000Z", apiTokenCount: 2 },
  { name: "oscar Operator", email: "oscar@x.test", role: "SECURITY_OPERATOR", deprovisionedAt: "2026-02-01T00:00:00.000Z", createdAt: "2026-01-01T00:00:00.000Z", apiTokenCount: 5 },
  { name: "Rita Reader", email: "rita@x.test", role: "SECURITY_READER", deprovisionedAt: null, createdAt: "2026-01-02T00:00:00.000Z", apiTokenCount: 0 },
];
const names = (query: Record<string, string>) => selectUsers(rows, userTableQuerySchema.parse(query)).map((row) => row.name);

describe("the Users table's URL state", () => {
  it("falls back to the defaults for anything unreadable", () => {
    expect(userTableQuerySchema.parse({ role: "ROOT", state: "gone", sort: "password", dir: "up", q: ["a", "b"] })).toEqual({ q: "", role: "all", state: "all", sort: "name", dir: "asc" });
  });

  it("sorts by name without regard to case, and by the other columns both ways", () => {
    expect(names({})).toEqual(["Ada Admin", "oscar Operator", "Rita Reader"]);
    expect(names({ dir: "desc" })).toEqual(["Rita Reader", "oscar Operator", "Ada Admin"]);
    expect(names({ sort: "tokens", dir: "desc" })).toEqual(["oscar Operator", "Ada Admin", "Rita Reader"]);
    expect(names({ sort: "added" })).toEqual(["oscar Operator", "Rita Reader", "Ada Admin"]);
    expect(names({ sort: "role", dir: "desc" })).toEqual(["Rita Reader", "oscar Operator", "Ada Admin"]);
    expect(names({ sort: "state" })).toEqual(["Ada Admin", "Rita Reader", "oscar Operator"]);
  });

  it("searches names and emails, and filters by role and state", () => {
    expect(names({ q: "RITA" })).toEqual(["Rita Reader"]);
    expect(names({ q: "x.test", state: "active" })).toEqual(["Ada Admin", "Rita Reader"]);
    expect(names({ state: "deprovisioned" })).toEqual(["oscar Operator"]);
    expect(names({ role: "GLOBAL_ADMIN" })).toEqual(["Ada Admin"]);
    expect(names({ role: "GLOBAL_ADMIN", q: "rita" })).toEqual([]);
  });
});
