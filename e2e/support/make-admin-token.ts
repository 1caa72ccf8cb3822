// Run as a script (tsx) against DATABASE_URL: makes a tenant with one full admin holding an API token,
// and prints {"tenantId", "token"} as JSON. For tests that start an instance on a database of their own.
import { randomBytes } from "node:crypto";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";

async function main() {
  const suffix = randomBytes(4).toString("hex");
  const tenant = await createTenant({ slug: `t-${suffix}`, name: `Tenant ${suffix}`, maxTokenLifetimeDays: null });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@t-${suffix}.test`, name: `Admin ${suffix}`, role: "GLOBAL_ADMIN", password: "fixture-password-1" });
  const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "fault probe" });
  process.stdout.write(JSON.stringify({ tenantId: tenant.id, token: token.value }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
