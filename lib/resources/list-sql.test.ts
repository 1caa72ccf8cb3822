// The alerts list in one SQL statement gives exactly what Prisma's queries give, for every filter
// operator, sort and page of the list contract, on the real database the tests run on (SQLite here;
// the same file runs on PostgreSQL when DATABASE_URL names one).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { buildListQuery, type Filters, type ListRequest } from "@/lib/resources/list-query";
import { newResourceId } from "@/lib/resources/ids";
import { ALERT_SPEC, listAlerts, listAlertsInOneStatement, listAlertsThroughPrisma } from "@/lib/resources/alerts";
import { pageSql } from "@/lib/resources/list-sql";

const TITLES = ["Impossible travel", "impossible TRAVEL activity", "Mass download", "Ransomware 100%", "odd_name", "Sign-in from Tor"];

async function tenantWithAlerts() {
  const tenant = await createTenant({ slug: `sql-${randomBytes(4).toString("hex")}`, name: "List SQL" });
  const entities = [];
  for (const [index, type] of ["user", "account", "ip", "ip"].entries()) {
    entities.push(await db.entity.create({ data: { id: newResourceId(), tenantId: tenant.id, type, displayName: `Entity ${index} ü`, lastSeenAt: new Date() } }));
  }
  const base = Date.UTC(2026, 0, 1, 12, 0, 0, 0);
  const alerts = [];
  for (let index = 0; index < 24; index++) {
    const resolved = index % 4 === 1 ? 3 : index % 4 === 2 ? 5 : 0;
    alerts.push(
      await db.alert.create({
        data: {
          id: newResourceId(),
          tenantId: tenant.id,
          title: TITLES[index % TITLES.length],
          description: `Alert number ${index}`,
          severity: index % 3,
          resolutionStatus: resolved,
          isRead: index % 5 === 0,
          policyName: index % 2 ? "Policy A" : "Policy B",
          comment: index % 3 === 0 ? null : index % 3 === 1 ? "Checked with the USER" : "false alarm",
          resolvedAt: resolved ? new Date(base + index * 7_001) : null,
          resolvedBy: resolved ? "ada@example.test" : null,
          // Ties on purpose (every third pair shares a time), and milliseconds that matter.
          createdAt: new Date(base - Math.floor(index / 2) * 60_000 + (index % 3 === 0 ? 0 : 1)),
          entities: { create: entities.filter((_, position) => (index + position) % 3 === 0).map((entity) => ({ entityId: entity.id })) },
        },
      }),
    );
  }
  return { tenant, entities, alerts, base };
}

describe("the alerts list in one SQL statement", () => {
  let data: Awaited<ReturnType<typeof tenantWithAlerts>>;
  let other: Awaited<ReturnType<typeof tenantWithAlerts>>;
  beforeAll(async () => {
    data = await tenantWithAlerts();
    other = await tenantWithAlerts();
  });

  const requests = (): [string, ListRequest][] => {
    const { base, entities, alerts } = data;
    const filters: Record<string, Filters> = {
      "id eq": { id: { eq: [alerts[3].id, alerts[7].id, other.alerts[0].id] } },
      "id neq": { id: { neq: [alerts[3].id] } },
      "title eq": { title: { eq: ["Mass download"] } },
      "title neq": { title: { neq: ["Mass download", "odd_name"] } },
      "title contains, any case": { title: { contains: ["travel"] } },
      "title contains, two values": { title: { contains: ["TRAVEL", "tor"] } },
      "title contains % and _ as Prisma does": { title: { contains: ["100%", "odd_"] } },
      "severity eq": { severity: { eq: [2] } },
      "severity neq": { severity: { neq: [0, 1] } },
      "severity gt": { severity: { gt: 0 } },
      "severity gte": { severity: { gte: 1 } },
      "severity lt": { severity: { lt: 2 } },
      "severity lte": { severity: { lte: 0 } },
      "resolutionStatus eq": { resolutionStatus: { eq: [3, 5] } },
      "resolutionStatus neq": { resolutionStatus: { neq: [0] } },
      "read eq true": { read: { eq: true } },
      "read eq both": { read: { eq: [true, false] } },
      "alertOpen true": { alertOpen: { eq: true } },
      "alertOpen false": { alertOpen: { eq: false } },
      "alertOpen both": { alertOpen: { eq: [true, false] } },
      "date gt (milliseconds)": { date: { gt: base - 3 * 60_000 } },
      "date gte": { date: { gte: base - 3 * 60_000 + 1 } },
      "date lt": { date: { lt: base - 5 * 60_000 } },
      "date lte": { date: { lte: base - 5 * 60_000 } },
      "date range": { date: { range: { start: base - 8 * 60_000, end: base - 2 * 60_000 } } },
      "date range, start only": { date: { range: { start: base - 8 * 60_000 } } },
      "resolutionDate isset": { resolutionDate: { isset: true } },
      "resolutionDate isnotset": { resolutionDate: { isnotset: true } },
      "resolutionDate range": { resolutionDate: { range: { start: base + 10_000, end: base + 100_000 } } },
      "policy contains": { policy: { contains: ["policy a"] } },
      "policy neq": { policy: { neq: ["Policy A"] } },
      "entity eq": { "entity.entity": { eq: [entities[1].id] } },
      "entity neq": { "entity.entity": { neq: [entities[1].id, entities[2].id] } },
      "comment contains": { comment: { contains: ["user"] } },
      "comment isset": { comment: { isset: true } },
      "comment isnotset": { comment: { isnotset: true } },
      "several fields": { severity: { gte: 1 }, alertOpen: { eq: true }, title: { contains: ["i"] } },
      "nothing matches": { title: { eq: ["no such alert"] } },
      "dates and their ranges": { date: { gte: base - 5 * 60_000 }, resolutionDate: { range: { start: base, end: base + 15 * 7_001 } } },
    };
    const list: [string, ListRequest][] = Object.entries(filters).map(([name, filter]) => [name, { filters: filter, limit: 100 }]);
    for (const sortField of Object.keys(ALERT_SPEC.sortFields)) {
      for (const sortDirection of ["asc", "desc"] as const) list.push([`sort ${sortField} ${sortDirection}`, { sortField, sortDirection, limit: 7, skip: 3 }]);
    }
    list.push(["default sort, ascending", { sortDirection: "asc", limit: 5 }]);
    list.push(["first page", { limit: 10 }]);
    list.push(["last page", { skip: 20, limit: 10 }]);
    list.push(["past the end", { skip: 40, limit: 10 }]);
    list.push(["past the end, filtered", { skip: 5, limit: 10, filters: { severity: { eq: [2] }, alertOpen: { eq: false } } }]);
    list.push(["no paging given", {}]);
    return list;
  };

  it("answers every request of the list contract exactly as Prisma's queries do", async () => {
    for (const [name, request] of requests()) {
      const query = buildListQuery(request, ALERT_SPEC);
      const fast = await listAlertsInOneStatement(data.tenant.id, query);
      expect(fast, `${name}: translated`).not.toBeNull();
      expect(fast, name).toEqual(await listAlertsThroughPrisma(data.tenant.id, query));
    }
  });

  it("reads times as UTC whatever the process's time zone", async () => {
    vi.stubEnv("TZ", "Pacific/Kiritimati");
    try {
      for (const [name, request] of requests().filter(([name]) => name === "dates and their ranges" || name === "first page")) {
        const query = buildListQuery(request, ALERT_SPEC);
        expect(await listAlertsInOneStatement(data.tenant.id, query), name).toEqual(await listAlertsThroughPrisma(data.tenant.id, query));
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("sees only its own tenant's alerts, whatever the filter names", async () => {
    const page = await listAlerts(data.tenant.id, buildListQuery({ filters: { id: { eq: other.alerts.map((alert) => alert.id) } } }, ALERT_SPEC));
    expect(page).toEqual({ data: [], hasNext: false, total: 0 });
    const all = await listAlerts(other.tenant.id, buildListQuery({ limit: 100 }, ALERT_SPEC));
    expect(all.total).toBe(24);
    expect(all.data.every((alert) => other.alerts.some((mine) => mine.id === alert._id))).toBe(true);
  });

  it("hands back to Prisma what it does not translate", () => {
    const table = { table: "Alert", columns: { tenantId: {}, id: {}, comment: { nullable: true } } };
    const select = (alias: string) => `${alias}."id"`;
    const page = (where: Record<string, unknown>, orderBy: Record<string, unknown>[] = [{ id: "asc" }]) => pageSql({ where, orderBy, skip: 0, take: 10 }, "t", table, select, "sqlite");
    expect(page({ comment: { not: "x" } })).toBeNull(); // NULL rules of `not` on a nullable column
    expect(page({ comment: { notIn: ["x"] } })).toBeNull();
    expect(page({ unknownColumn: "x" })).toBeNull();
    expect(page({ NOT: { id: "x" } })).toBeNull();
    expect(page({ comment: { startsWith: "x" } })).toBeNull();
    expect(page({}, [{ comment: { sort: "asc", nulls: "last" } }])).toBeNull();
    expect(pageSql({ where: { id: "a\u0000b" }, orderBy: [], skip: 0, take: 1 }, "t", table, select, "postgresql")).toBeNull();
    expect(page({ comment: { not: null }, id: { in: ["a", "b"] } })?.page.sql).toContain(`a."comment" IS NOT NULL AND a."id" IN (?, ?)`);
    expect(pageSql({ where: { id: { in: ["a", "b"] } }, orderBy: [{ id: "desc" }], skip: 0, take: 1 }, "t", table, select, "postgresql")?.page.sql).toMatch(/\$1.*\$2.*\$3.*\$4.*\$5.*\$6.*\$7.*\$8/);
  });
});
