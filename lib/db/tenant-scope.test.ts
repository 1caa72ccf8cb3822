// Where the tenant is enforced: every model with a tenantId column is tenant-owned, db refuses a query
// on one that does not name its tenant, and only the modules listed here may bypass that.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crossTenantDb, db } from "@/lib/db/client";
import { TENANT_OWNED_MODELS, TenantScopeError } from "@/lib/db/tenant-scope";

const ROOT = path.resolve(__dirname, "../..");

/** Models of prisma/schema.prisma that have a tenantId column. */
function modelsWithTenantId(): string[] {
  const schema = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].filter(([, , body]) => /^\s*tenantId\s/m.test(body)).map(([, name]) => name);
}

type Delegate = Record<string, (args?: object) => Promise<unknown>>;
const delegateOf = (client: object, model: string) => (client as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];

describe("tenant scope", () => {
  it("treats every model with a tenantId column as tenant-owned", () => {
    expect([...TENANT_OWNED_MODELS].sort()).toEqual(modelsWithTenantId().sort());
  });

  it.each(modelsWithTenantId())("refuses a %s query that does not name its tenant", async (model) => {
    const delegate = delegateOf(db, model);
    await expect(delegate.findMany({})).rejects.toBeInstanceOf(TenantScopeError);
    await expect(delegate.findFirst({ where: { id: "x" } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(delegate.count({ where: { tenantId: undefined } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(delegate.updateMany({ where: { id: "x" }, data: {} })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(delegate.deleteMany({ where: { OR: [{ tenantId: "a" }, { tenantId: "b" }] } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(delegate.create({ data: {} })).rejects.toBeInstanceOf(TenantScopeError);
    // Naming the tenant is enough to pass the check.
    await expect(delegate.findMany({ where: { tenantId: "no-such-tenant" } })).resolves.toEqual([]);
    await expect(delegate.count({ where: { AND: [{ tenantId: "no-such-tenant" }] } })).resolves.toBe(0);
    // crossTenantDb does not check.
    await expect(delegateOf(crossTenantDb, model).findFirst({ where: { id: "x" } })).resolves.toBeNull();
  });

  // Each module that may query across tenants, and why. A module that needs it joins this list in
  // review; everything else names its tenant.
  const CROSS_TENANT_MODULES: Record<string, string> = {
    "e2e/support/e2e-data.ts": "end-to-end fixtures look rows up by id or email to check what another tenant's request did",
  };

  it("is bypassed only by the modules that must look across tenants", () => {
    const users: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
        } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          const source = fs.readFileSync(path.join(ROOT, file), "utf8");
          if (/\{[^}]*\bcrossTenantDb\b[^}]*\}\s*(from\b|=\s*await\s+import\b)/.test(source)) users.push(file);
        }
      }
    };
    for (const dir of ["app", "components", "lib", "e2e", "scripts", "bench", "prisma"]) if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
    expect(users.filter((file) => !(file in CROSS_TENANT_MODULES)), "modules using crossTenantDb that are not in CROSS_TENANT_MODULES").toEqual([]);
  });
});
