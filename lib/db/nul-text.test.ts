// On the tests' database (SQLite): half a surrogate pair is refused as an invalid request naming the
// field (Prisma's engine could not pass it on, a 500 before), while NUL, which SQLite stores, is kept.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { newResourceId } from "@/lib/resources/ids";

describe("text a database cannot take", () => {
  it("refuses a lone surrogate up front, naming the field, and stores NUL on SQLite", async () => {
    const tenant = await createTenant({ slug: `text-${randomBytes(4).toString("hex")}`, name: "Text" });
    const id = newResourceId();
    await db.alert.create({ data: { id, tenantId: tenant.id, title: "Plain", description: "", severity: 0, resolutionStatus: 0, isRead: false, policyName: "P", createdAt: new Date() } });
    const refused = db.alert.updateMany({ where: { id, tenantId: tenant.id }, data: { comment: "half \ud800 a pair" } });
    await expect(refused).rejects.toMatchObject({ code: "invalid_request", details: { comment: [expect.stringMatching(/unpaired surrogate/)] } });
    await db.alert.updateMany({ where: { id, tenantId: tenant.id }, data: { comment: "nul \u0000 kept" } });
    expect((await db.alert.findFirst({ where: { id, tenantId: tenant.id } }))?.comment).toBe("nul \u0000 kept");
  });
});
