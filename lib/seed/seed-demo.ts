// The demo tenants and users every quickstart and e2e run starts from. Idempotent: what exists is kept, what is missing is added.
// Each step reads, then writes what is missing: two seeds running at once (two instances of a
// deployment started together) take turns through a deployment-wide lock, so the second finds the
// first one's rows instead of adding them twice or failing on a unique key.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { withDeploymentLock } from "@/lib/db/locks";
import { hashPassword } from "@/lib/users/passwords";
import { generateToken } from "@/lib/tokens/generate-token";
import type { Role } from "@/lib/permissions";
import { seedTenantResources } from "@/lib/seed/seed-resources";
import { createTenant } from "@/lib/tenants/create-tenant";

type DemoUser = { email: string; name: string; role: Role; deprovisioned?: boolean; ownsToken?: string };

export const DEMO_TENANTS: { slug: string; name: string; users: DemoUser[] }[] = [
  {
    slug: "contoso",
    name: "Contoso",
    users: [
      { email: "admin@contoso.test", name: "Ada Admin", role: "GLOBAL_ADMIN" },
      { email: "operator@contoso.test", name: "Oscar Operator", role: "SECURITY_OPERATOR" },
      { email: "reader@contoso.test", name: "Rita Reader", role: "SECURITY_READER" },
      { email: "former@contoso.test", name: "Fred Former", role: "SECURITY_OPERATOR", deprovisioned: true, ownsToken: "Former's export script" },
    ],
  },
  {
    slug: "fabrikam",
    name: "Fabrikam",
    users: [{ email: "admin@fabrikam.test", name: "Fay Fabrikam", role: "GLOBAL_ADMIN" }],
  },
];

export async function seedDemo(password: string): Promise<{ created: string[] }> {
  const passwordHash = await hashPassword(password);
  return withDeploymentLock("seed", () => seedDemoLocked(passwordHash));
}

async function seedDemoLocked(passwordHash: string): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const tenantSpec of DEMO_TENANTS) {
    const tenant =
      (await db.tenant.findUnique({ where: { slug: tenantSpec.slug } })) ??
      // The demo tenants set no maximum lifetime, so every expiration the portal offers (none included)
      // can be tried on them; a real tenant starts with a maximum of 1 year.
      (await createTenant({ slug: tenantSpec.slug, name: tenantSpec.name, maxTokenLifetimeDays: null }));
    for (const spec of tenantSpec.users) {
      if (await db.user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: spec.email } } })) continue;
      const user = await db.user.create({
        data: { id: randomUUID(), tenantId: tenant.id, email: spec.email, name: spec.name, role: spec.role, passwordHash },
      });
      created.push(spec.email);
      if (spec.ownsToken) {
        // The value is thrown away: this token exists to show how a deprovisioned user's token looks.
        await generateToken({ tenantId: tenant.id, userId: user.id, kind: "API_TOKEN", name: spec.ownsToken });
      }
      if (spec.deprovisioned) await db.user.update({ where: { id: user.id, tenantId: tenant.id }, data: { deprovisionedAt: new Date() } });
    }
    if (await seedTenantResources(tenant)) created.push(`${tenant.slug} alerts, activities, entities, IP ranges and discovery reports`);
  }
  return { created };
}
