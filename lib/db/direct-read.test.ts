// Direct reads on the real database of the tests (SQLite in WAL mode, as prepare-db leaves it; PostgreSQL
// when DATABASE_URL names one).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { readRows } from "@/lib/db/direct-read";
import { databaseKind } from "@/lib/db/database-url";
import { createTenant } from "@/lib/tenants/create-tenant";
import { newResourceId } from "@/lib/resources/ids";

const SQL = `SELECT "id", "title", "createdAt", "isRead" FROM "Alert" WHERE "tenantId" = ? AND "createdAt" >= ? ORDER BY "createdAt"`;
// PostgreSQL numbers its placeholders.
const ALERTS_OF = databaseKind() === "postgresql" ? SQL.replace("?", "$1").replace("?", "$2") : SQL;

describe("readRows", () => {
  it("reads what was committed a moment before, binding dates and reading them back as UTC", async () => {
    const tenant = await createTenant({ slug: `direct-${randomBytes(4).toString("hex")}`, name: "Direct reads" });
    const at = new Date(Date.UTC(2026, 10, 27, 23, 59, 59, 123));
    const since = new Date(at.getTime() - 1);
    expect(await readRows(ALERTS_OF, [tenant.id, since])).toEqual([]);
    const id = newResourceId();
    await db.alert.create({ data: { id, tenantId: tenant.id, title: "Seen at once", description: "", severity: 1, resolutionStatus: 0, isRead: true, policyName: "P", createdAt: at } });
    const rows = await readRows<{ id: string; title: string; createdAt: string | Date; isRead: number | boolean }>(ALERTS_OF, [tenant.id, since]);
    expect(rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString(), isRead: Boolean(row.isRead) }))).toEqual([
      { id, title: "Seen at once", createdAt: at.toISOString(), isRead: true },
    ]);
    // The same statement again, with other arguments: the prepared statement is reused, never rebound.
    expect(await readRows(ALERTS_OF, [tenant.id, new Date(at.getTime() + 1)])).toEqual([]);
  });

  it("refuses to run inside an open transaction, where it would not see the transaction's writes", async () => {
    await expect(transaction(async () => readRows(`SELECT 1 AS "one"`, []))).rejects.toThrow(/readRows was called inside an open transaction/);
  });
});
