// Shared fixtures: a fresh tenant per test (so tests never see each other's tokens), sign-in
// through next-auth's own endpoints, and a raw HTTP client for the API.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { hashPassword } from "@/lib/users/passwords";
import { assertE2eDatabase } from "./e2e-data";
import type { Role } from "@/lib/permissions";
import { seedTenantResources } from "@/lib/seed/seed-resources";

/** Every fresh tenant gets a small set of API resources of its own, so tests can change them freely. */
export const FIXTURE_SCALE = { alerts: 40, activities: 60, people: 4 };

export const PORT = process.env.PORT || "3100";
/**
 * One instance's own port, for the specs of what each instance's HTTP front does at the edge (body
 * limits, malformed requests, negative caches): the PostgreSQL run names its first instance; otherwise
 * the one server.
 */
export const EDGE_PORT = process.env.KEYPORT_E2E_EDGE_PORT || PORT;
/** The run's folder of files (logs, the SQLite database): .e2e, or .e2e-pg in the PostgreSQL run. */
export const E2E_DIR = process.env.E2E_DIR || path.resolve(__dirname, "../../.e2e");
/** Whether this run is the PostgreSQL one (two instances behind a proxy). */
export const ON_POSTGRES = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
export const DEMO_PASSWORD = process.env.KEYPORT_DEMO_PASSWORD || "e2e-demo-password";
export const FIXTURE_PASSWORD = "fixture-password-1";

export type FixtureUser = { id: string; email: string; name: string; role: Role };
export type FreshTenant = { id: string; slug: string; name: string; admin: FixtureUser; operator: FixtureUser; reader: FixtureUser };

// Every fixture user has the same password: one bcrypt hash per test process serves them all.
let fixturePasswordHash: Promise<string> | null = null;

/**
 * A tenant of its own for one test. Like the demo tenants it sets no maximum token lifetime, unless
 * `newTenantPolicy` asks for what a tenant made in production starts with (1 year).
 */
export async function createFreshTenant(options: { newTenantPolicy?: boolean } = {}): Promise<FreshTenant> {
  assertE2eDatabase();
  const suffix = randomBytes(4).toString("hex");
  const tenant = await createTenant({ slug: `t-${suffix}`, name: `Tenant ${suffix}`, ...(options.newTenantPolicy ? {} : { maxTokenLifetimeDays: null }) });
  fixturePasswordHash ??= hashPassword(FIXTURE_PASSWORD);
  const passwordHash = await fixturePasswordHash;
  const make = async (role: Role, local: string, name: string): Promise<FixtureUser> => {
    const user = await createUser({ tenantId: tenant.id, email: `${local}@${tenant.slug}.test`, name: `${name} ${suffix}`, role, passwordHash });
    return { id: user.id, email: user.email, name: user.name, role };
  };
  const fresh = {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    admin: await make("GLOBAL_ADMIN", "admin", "Admin"),
    operator: await make("SECURITY_OPERATOR", "operator", "Operator"),
    reader: await make("SECURITY_READER", "reader", "Reader"),
  };
  await seedTenantResources(tenant, FIXTURE_SCALE);
  return fresh;
}

/** Signs a browser context in the way next-auth's form does: CSRF token, then the credentials POST. */
export async function signInContext(context: BrowserContext, email: string, password = FIXTURE_PASSWORD): Promise<void> {
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.name.includes("next-auth.session-token")), `signed in as ${email}`).toBe(true);
}

/** Navigates and waits until React has hydrated, so clicks are not lost. */
export async function gotoReady(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor();
}

export const test = base.extend<{ tenant: FreshTenant }, { sessionSecret: string }>({
  // eslint-disable-next-line no-empty-pattern
  tenant: async ({}, use) => {
    await use(await createFreshTenant());
  },
  // What seals and opens the OAuth signing keys and webhook secrets, as the servers have it: on
  // PostgreSQL without NEXTAUTH_SECRET it is kept in the database, and a process loads it before use.
  sessionSecret: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(await loadAuthSecret());
    },
    { scope: "worker", auto: true },
  ],
});

export { expect };
