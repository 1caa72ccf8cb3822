// The benchmark's tenant: 1 000 users and 100 000 API tokens, a third each never used, used in the
// last 7 days and used before that; one user holds 100 tokens. The values of `keptValues` tokens are
// returned (for the load generator); the rest exist only as digests, as in a real database.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/users/passwords";
import { createTenant } from "@/lib/tenants/create-tenant";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";
import { seedTenantResources, DEMO_SCALE } from "@/lib/seed/seed-resources";

export type BenchSeed = { tenantId: string; slug: string; adminEmail: string; heavyUserEmail: string; password: string; tokenValues: string[] };

const DAY = 24 * 60 * 60 * 1000;

export async function seedBenchTenant(options: { users: number; tokens: number; keptValues: number; heavyUserTokens: number; password: string }): Promise<BenchSeed> {
  const tenant = await createTenant({ slug: "bench", name: "Bench Corp" });
  const passwordHash = await hashPassword(options.password);
  const users = Array.from({ length: options.users }, (_, index) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    email: index === 0 ? "admin@bench.test" : `user${index}@bench.test`,
    name: index === 0 ? "Bench Admin" : `Bench User ${index}`,
    role: index === 0 ? "GLOBAL_ADMIN" : index % 3 === 0 ? "SECURITY_OPERATOR" : "SECURITY_READER",
    passwordHash,
  }));
  await db.user.createMany({ data: users });

  const now = Date.now();
  const tokenValues: string[] = [];
  const heavyUser = users[1];
  const CHUNK = 5_000;
  for (let start = 0; start < options.tokens; start += CHUNK) {
    const rows = [];
    for (let index = start; index < Math.min(options.tokens, start + CHUNK); index++) {
      const value = newTokenValue("API_TOKEN");
      if (index < options.keptValues) tokenValues.push(value);
      // The heavy user holds the first `heavyUserTokens` tokens after the kept ones; the rest spread over everybody.
      const owner = index >= options.keptValues && index < options.keptValues + options.heavyUserTokens ? heavyUser : users[index % users.length];
      const bucket = index % 3;
      rows.push({
        id: randomUUID(),
        tenantId: tenant.id,
        userId: owner.id,
        kind: "API_TOKEN",
        name: `Token ${index}`,
        digest: digestToken(value),
        hint: tokenHint(value),
        createdAt: new Date(now - ((index * 7919) % (365 * DAY))),
        // Kept tokens start unused, so the load run's last-use writes are all counted.
        lastUsedAt: index < options.keptValues || bucket === 0 ? null : bucket === 1 ? new Date(now - ((index * 104_729) % (6 * DAY))) : new Date(now - 8 * DAY - ((index * 104_729) % (90 * DAY))),
      });
    }
    await db.apiToken.createMany({ data: rows });
  }
  await seedTenantResources(tenant, DEMO_SCALE);
  return { tenantId: tenant.id, slug: tenant.slug, adminEmail: users[0].email, heavyUserEmail: heavyUser.email, password: options.password, tokenValues };
}

/** Rows of the API token table that received a last-use write since `since` (for the write count). */
export async function tokensUsedSince(tenantId: string, since: Date): Promise<number> {
  return db.apiToken.count({ where: { tenantId, lastUsedAt: { gte: since } } });
}
