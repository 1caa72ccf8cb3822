// Data set-up and look-ups for the end-to-end tests, on the same database client the product uses.
// Refuses to write anywhere but the throwaway e2e database. A test often knows a row only by its id
// or email (it checks what another tenant's request did to it), so the look-ups by id or email go
// through crossTenantDb; the look-ups that know their tenant pass it, as the product does.
import { randomBytes } from "node:crypto";
import { crossTenantDb, db } from "@/lib/db/client";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { decryptPrivateKey } from "@/lib/oauth/key-encryption";
import { storedThrottleKeys } from "@/lib/rate-limit/sign-in-throttle";
import { ageDurableLimiterKeys } from "@/lib/db/limiter-store";

/** The throwaway databases of the two runs: the SQLite file under .e2e/, or a PostgreSQL database keyport_test_<random>. */
export function isE2eDatabase(url: string): boolean {
  if (url.startsWith("file:")) return url.includes("/.e2e/");
  return /^postgres(ql)?:\/\/[^/]*\/keyport_test_[a-z0-9]+(\?|$)/.test(url);
}

export function assertE2eDatabase(): void {
  const url = databaseUrl();
  if (!isE2eDatabase(url)) {
    throw new Error(`Refusing to set up test data in ${url.replace(/\/\/[^@]*@/, "//…@")}: the e2e tests only write to a throwaway database (.e2e/ on SQLite, keyport_test_* on PostgreSQL).`);
  }
}

/** Pretend a token was last used some time ago (the "Inactive" fixture). */
export async function backdateTokenUse(tokenId: string, lastUsedAt: Date): Promise<void> {
  assertE2eDatabase();
  await crossTenantDb.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt } });
}

export async function findTokenRow(tokenId: string) {
  return crossTenantDb.apiToken.findUnique({ where: { id: tokenId } });
}

export async function tenantBySlug(slug: string) {
  return db.tenant.findUniqueOrThrow({ where: { slug } });
}

/** The user with this email (an email is unique within a tenant; the tests' addresses are unique everywhere). */
export async function userByEmail(email: string) {
  return crossTenantDb.user.findFirstOrThrow({ where: { email }, orderBy: { createdAt: "asc" } });
}

/** One id of each resource of a tenant, for tests that fetch or change a single row. */
export async function resourceIdsOf(tenantId: string) {
  const [alert, openAlerts, activity, user, subnet, stream] = await Promise.all([
    db.alert.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.alert.findMany({ where: { tenantId, resolutionStatus: 0 }, orderBy: { id: "asc" }, select: { id: true } }),
    db.activity.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.entity.findFirstOrThrow({ where: { tenantId, type: "user" }, orderBy: { id: "asc" } }),
    db.subnet.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.discoveryStream.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "asc" } }),
  ]);
  return { alertId: alert.id, openAlertIds: openAlerts.map((row) => row.id), activityId: activity.id, userEntityId: user.id, subnetId: subnet.id, streamId: stream.id };
}

export async function countResources(tenantId: string) {
  const [alerts, openAlerts, activities, entities, subnets] = await Promise.all([
    db.alert.count({ where: { tenantId } }),
    db.alert.count({ where: { tenantId, resolutionStatus: 0 } }),
    db.activity.count({ where: { tenantId } }),
    db.entity.count({ where: { tenantId } }),
    db.subnet.count({ where: { tenantId } }),
  ]);
  return { alerts, openAlerts, activities, entities, subnets };
}

export async function userById(id: string) {
  return crossTenantDb.user.findUniqueOrThrow({ where: { id } });
}

/** Keyport's current signing key, decrypted: lets a test mint an expired token the server's key signed. */
export async function currentSigningKeyPem() {
  const row = await db.signingKey.findFirstOrThrow({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  return { kid: row.kid, pem: decryptPrivateKey(row.privateKeyEnc) };
}

export async function latestAuditEvent(tenantId: string, action: string) {
  return db.auditEvent.findFirst({ where: { tenantId, action }, orderBy: { createdAt: "desc" } });
}

/**
 * Moves the sign-in throttle's clock back for an email or a client IP, as if its failures (and its
 * lock) had happened `ms` earlier: the 15-minute rules are tested without waiting 15 minutes.
 */
export async function ageSignInThrottle(subject: { email?: string; clientIp?: string }, ms: number): Promise<void> {
  assertE2eDatabase();
  await ageDurableLimiterKeys(storedThrottleKeys(subject), ms);
}

/** How many API tokens a user has issued (revoked ones included). */
export async function apiTokenCountOf(tenantId: string, userId: string): Promise<number> {
  return db.apiToken.count({ where: { tenantId, userId, kind: "API_TOKEN" } });
}

/**
 * PostgreSQL: the tables with a row whose text holds `needle` (every column, as the row's JSON). The
 * SQLite run searches the database file itself instead.
 */
export async function databaseRowsContaining(needle: string): Promise<string[]> {
  assertE2eDatabase();
  const tables = await crossTenantDb.$queryRaw<{ name: string }[]>`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const rows = await crossTenantDb.$queryRawUnsafe<{ hit: number }[]>(`SELECT 1 AS hit FROM ${quoted} AS t WHERE strpos(row_to_json(t)::text, $1) > 0 LIMIT 1`, needle);
    if (rows.length > 0) found.push(name);
  }
  return found;
}

/** The ids of a target's audit entries, newest first: what an export filtered by that target must hold. */
export async function auditEntryIdsOfTarget(tenantId: string, targetId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { tenantId, targetId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return rows.map((row) => row.id);
}

/**
 * A fault for the discovery upload stories: the database itself refuses to insert an app of `domain`
 * (a trigger), as a full disk or a dropped connection would refuse a write part-way. Returns its removal.
 */
export async function refuseDiscoveredAppInsert(domain: string): Promise<() => Promise<void>> {
  assertE2eDatabase();
  if (!/^[a-z0-9.-]+$/.test(domain)) throw new Error(`not a plain domain: ${domain}`);
  const trigger = `refuse_${randomBytes(4).toString("hex")}`;
  if (databaseKind() === "postgresql") {
    await crossTenantDb.$executeRawUnsafe(
      `CREATE FUNCTION ${trigger}() RETURNS trigger AS $$ BEGIN IF NEW."domain" = '${domain}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await crossTenantDb.$executeRawUnsafe(`CREATE TRIGGER ${trigger} BEFORE INSERT ON "DiscoveredApp" FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    return async () => {
      await crossTenantDb.$executeRawUnsafe(`DROP TRIGGER ${trigger} ON "DiscoveredApp"`);
      await crossTenantDb.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    };
  }
  await crossTenantDb.$executeRawUnsafe(`CREATE TRIGGER ${trigger} BEFORE INSERT ON "DiscoveredApp" WHEN NEW."domain" = '${domain}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  return async () => {
    await crossTenantDb.$executeRawUnsafe(`DROP TRIGGER ${trigger}`);
  };
}

/** The apps of a discovery report whose domain ends with `suffix`, with their counts. */
export async function discoveredAppsEndingWith(tenantId: string, streamId: string, suffix: string) {
  return db.discoveredApp.findMany({ where: { tenantId, streamId, domain: { endsWith: suffix } }, select: { domain: true, transactions: true } });
}
