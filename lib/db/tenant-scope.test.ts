// The tenant rule, proven on a real database file: a query on a tenant-owned model that does not name
// its tenant is refused before it runs, and only a short, reviewed list of modules may look across
// tenants.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crossTenantDb, db } from "@/lib/db/client";
import { TENANT_OWNED_MODELS, TenantScopeError, namesTenant } from "@/lib/db/tenant-scope";

const ROOT = path.resolve(__dirname, "../..");

/** Modules whose lookups are cross-tenant by design; each says why where it uses crossTenantDb. */
const CROSS_TENANT_MODULES = new Set([
  // the data layer itself, and its tests
  "lib/db/client.ts",
  "lib/db/tenant-scope.ts",
  "lib/db/tenant-scope.test.ts",
  "lib/db/transaction-scope.ts",
  "lib/db/health.ts", // SELECT 1: no table at all
  "lib/db/token-tally-fold.ts", // folds every tenant's token tally changes, each naming its tenant
  "lib/db/serialized-sqlite.test.ts",
  "lib/process-state.test.ts",
  // a presented credential decides the tenant: tokens and OAuth clients are found by digest or id
  "lib/tokens/find-token-by-value.ts",
  "lib/tokens/last-use-recorder.ts",
  "lib/tokens/report-leaked-credentials.ts",
  "lib/mail/send-queued-mail.ts", // the mail job sends every tenant's queued mail, each naming its tenant
  "lib/oauth/client-credentials.ts",
  "lib/oauth/apps.ts",
  "lib/oauth/app-access.ts",
  "lib/scim/secret-token.ts", // the SCIM secret token names its tenant
  // sign-in starts from an email; the session user is found by id and its tenant then compared
  "lib/users/authenticate-user.ts",
  "lib/users/get-session-user.ts",
  "lib/users/email-in-use.ts",
  "lib/identity/sso-domains.ts", // single sign-on starts from an email's domain, and one tenant owns a domain
  // background work for the whole deployment: the webhook outbox and the token expiry scan serve every
  // tenant, and each row they handle names its own
  "lib/webhooks/claim-deliveries.ts",
  "lib/scheduler/token-expiry.ts",
  // test fixtures of the throwaway e2e database
  "e2e/support/e2e-data.ts",
]);

function modelsWithTenantColumn(): string[] {
  const schema = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
  const models: string[] = [];
  for (const block of schema.split(/^model /m).slice(1)) {
    const name = block.split(/\s/)[0];
    if (/^\s+tenantId\s+String/m.test(block)) models.push(name);
  }
  return models.sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["node_modules", "generated", ".next"].includes(entry.name)) out.push(...sourceFiles(relative));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name)) out.push(relative);
  }
  return out;
}

const delegate = (model: string) => model[0].toLowerCase() + model.slice(1);

describe("tenant scope", () => {
  it("covers exactly the models with a tenantId column", () => {
    expect([...TENANT_OWNED_MODELS].sort()).toEqual(modelsWithTenantColumn());
  });

  it("refuses every read, write and delete of a tenant-owned model that does not name its tenant", async () => {
    for (const model of TENANT_OWNED_MODELS) {
      const client = (db as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[delegate(model)];
      await expect(client.findMany({}), `${model}.findMany`).rejects.toBeInstanceOf(TenantScopeError);
      await expect(client.findFirst({ where: { id: "x" } }), `${model}.findFirst`).rejects.toBeInstanceOf(TenantScopeError);
      await expect(client.count({ where: { tenantId: undefined } }), `${model}.count`).rejects.toBeInstanceOf(TenantScopeError);
      await expect(client.updateMany({ where: { id: "x" }, data: {} }), `${model}.updateMany`).rejects.toBeInstanceOf(TenantScopeError);
      await expect(client.deleteMany({ where: { OR: [{ tenantId: "a" }, { id: "x" }] } }), `${model}.deleteMany`).rejects.toBeInstanceOf(TenantScopeError);
      await expect(client.create({ data: { id: "x" } }), `${model}.create`).rejects.toBeInstanceOf(TenantScopeError);
      // Naming the tenant is enough to pass the check (no such tenant: no rows).
      await expect(client.findMany({ where: { tenantId: "no-such-tenant" } })).resolves.toEqual([]);
    }
  });

  it("also refuses inside a transaction", async () => {
    await expect(db.$transaction(async (tx) => tx.alert.findMany({}))).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("reads a tenant named at the top, in a compound key or in a top-level AND; never a possibly-undefined one", () => {
    expect(namesTenant({ tenantId: "t" })).toBe(true);
    expect(namesTenant({ appId_tenantId: { appId: "a", tenantId: "t" } })).toBe(true);
    expect(namesTenant({ AND: [{ tenantId: "t" }, { id: "x" }] })).toBe(true);
    expect(namesTenant({ tenantId: { equals: "t" } })).toBe(true);
    expect(namesTenant({ tenantId: undefined, id: "x" })).toBe(false);
    expect(namesTenant({ OR: [{ tenantId: "t" }] })).toBe(false);
    expect(namesTenant({ tenantId: { in: ["a", "b"] } })).toBe(false);
  });

  it("lets the cross-tenant client through, for the lookups that need it", async () => {
    await expect(crossTenantDb.apiToken.findMany({ where: { digest: "none" } })).resolves.toEqual([]);
  });

  it("is bypassed only by the reviewed modules", () => {
    const importers = ["lib", "app", "components", "e2e", "bench", "scripts", "prisma"]
      .filter((dir) => fs.existsSync(path.join(ROOT, dir)))
      .flatMap(sourceFiles)
      .filter((file) => /\bcrossTenantDb\b/.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(importers.filter((file) => !CROSS_TENANT_MODULES.has(file))).toEqual([]);
  });
});
