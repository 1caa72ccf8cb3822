// The SCIM secret token: only its digest is stored, a lookup is remembered briefly, and generating
// again refuses the old value at once even right after it was remembered.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { authenticateScimRequest, digestOf, generateScimSecret } from "@/lib/scim/secret-token";

describe("the SCIM secret token", () => {
  it("is stored as a digest, names its tenant, and is refused at once once replaced", async () => {
    const tenant = await createTenant({ slug: `k-${randomBytes(4).toString("hex")}`, name: "Secret" });
    const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const actor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" as const };
    const first = await generateScimSecret(actor);
    expect(first.value).toMatch(/^kpscim_[A-Za-z0-9_-]{43}$/);
    expect(await db.scimSecret.findUnique({ where: { tenantId: tenant.id } })).toMatchObject({ digest: digestOf(first.value) });
    await expect(authenticateScimRequest(`Bearer ${first.value}`)).resolves.toEqual({ tenantId: tenant.id });
    await expect(authenticateScimRequest(`bearer ${first.value}`)).resolves.toEqual({ tenantId: tenant.id });

    const second = await generateScimSecret(actor);
    await expect(authenticateScimRequest(`Bearer ${first.value}`)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authenticateScimRequest(`Bearer ${second.value}`)).resolves.toEqual({ tenantId: tenant.id });
    for (const header of [null, "", "Bearer", `Token ${second.value}`, `Bearer ${second.value}x`]) {
      await expect(authenticateScimRequest(header)).rejects.toMatchObject({ code: "unauthorized" });
    }
  });
});
