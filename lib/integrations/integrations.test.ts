// Integration credentials against a real, freshly migrated SQLite database.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createIntegration, deleteIntegration, listIntegrations, rotateIntegrationToken } from "@/lib/integrations/integrations";
import { createIntegrationSchema } from "@/lib/integrations/schemas";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";

const NO_SUCH_INTEGRATION = { code: "not_found", message: "That integration does not exist." };

async function tenantWithAdmin(): Promise<UserActor> {
  const tenant = await createTenant({ slug: `i-${randomBytes(4).toString("hex")}`, name: "Integrations" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
}

describe("integrations", () => {
  let admin: UserActor;
  let otherAdmin: UserActor;
  beforeAll(async () => {
    admin = await tenantWithAdmin();
    otherAdmin = await tenantWithAdmin();
  });

  it("rotates a token without a grace period: the old value stops working, the new one works", async () => {
    const created = await createIntegration(admin, "SIEM_AGENT", { name: "agent" });
    const regenerated = await rotateIntegrationToken(admin, "SIEM_AGENT", created.id, { graceSeconds: 0 });
    expect(regenerated.name).toBe("agent");
    expect(await findTokenByValue(created.value)).toBeNull();
    expect((await findTokenByValue(regenerated.value))?.revoked).toBe(false);
  });

  it("refuses another tenant's integration, or one of another kind, as not existing", async () => {
    const created = await createIntegration(admin, "LOG_COLLECTOR", { name: "collector", sourceType: "Squid" });
    await expect(rotateIntegrationToken(otherAdmin, "LOG_COLLECTOR", created.id, { graceSeconds: 0 })).rejects.toMatchObject(NO_SUCH_INTEGRATION);
    await expect(deleteIntegration(otherAdmin, "LOG_COLLECTOR", created.id)).rejects.toMatchObject(NO_SUCH_INTEGRATION);
    await expect(deleteIntegration(admin, "SIEM_AGENT", created.id)).rejects.toMatchObject(NO_SUCH_INTEGRATION);
    expect((await findTokenByValue(created.value))?.revoked).toBe(false);
  });

  it("deletes an integration by revoking its token; it leaves the list and cannot be deleted twice", async () => {
    const created = await createIntegration(admin, "SIEM_AGENT", { name: "to delete" });
    expect(await deleteIntegration(admin, "SIEM_AGENT", created.id)).toEqual({ name: "to delete" });
    expect((await findTokenByValue(created.value))?.revoked).toBe(true);
    expect((await listIntegrations(admin.tenantId, "SIEM_AGENT")).map((row) => row.name)).not.toContain("to delete");
    await expect(deleteIntegration(admin, "SIEM_AGENT", created.id)).rejects.toMatchObject(NO_SUCH_INTEGRATION);
  });
});

describe("a new integration's input", () => {
  it("needs a known source for a log collector, and none for a SIEM agent", () => {
    const missing = createIntegrationSchema.safeParse({ kind: "LOG_COLLECTOR", name: "HQ firewall" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["sourceType", "Choose the source of the logs."]]);
    expect(createIntegrationSchema.safeParse({ kind: "LOG_COLLECTOR", name: "HQ", sourceType: "Nope" }).success).toBe(false);
    expect(createIntegrationSchema.parse({ kind: "SIEM_AGENT", name: " Sentinel ", sourceType: "Squid" })).toEqual({ kind: "SIEM_AGENT", name: "Sentinel" });
  });
});
