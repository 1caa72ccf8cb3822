// The audit log at 1 000 000 entries: seeds them into the bench tenant in batched inserts, then times
// the queries behind the page (the first page, filtered pages, a page deep in the log reached by its
// cursor) and shows SQLite's plan for them, to prove each is an index walk that stops after one page.
// Used by bench/run.ts (which also times the page over HTTP); `tsx bench/audit-log-bench.ts` runs the
// query part alone on a scratch database.
import { randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

export const AUDIT_SCALE = { entries: Number(process.env.BENCH_AUDIT_ENTRIES || 1_000_000), targets: 20_000, days: 365 };

const ACTIONS: [string, number][] = [
  // action, weight: API changes and token use dominate, revocations are rare
  ["subnets.update", 30],
  ["alerts.close_benign", 20],
  ["token.generated", 15],
  ["token.ipDenied", 10],
  ["discovery.upload", 10],
  ["user.roleChanged", 5],
  ["app.secretAdded", 5],
  ["token.revoked", 3],
  ["token.rotated", 1.5],
  ["user.deprovisioned", 0.5],
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, [, weight]) => sum + weight, 0);

function actionAt(index: number): string {
  // A fixed, well-mixed spread (no randomness: every run seeds the same log).
  let point = ((index * 2654435761) % 1_000_003) / 1_000_003 * TOTAL_WEIGHT;
  for (const [action, weight] of ACTIONS) {
    point -= weight;
    if (point < 0) return action;
  }
  return ACTIONS[0][0];
}

/** How Prisma's SQLite adapter stores a DateTime (ISO 8601, offset spelled out): the seed writes the same. */
const sqliteTime = (at: number) => new Date(at).toISOString().replace("Z", "+00:00");

/**
 * `entries` audit entries for the tenant, spread over the last `days` days, by its users, about
 * `targets` distinct targets. Returns a target name and an actor to filter by.
 *
 * A bulk load, the way one loads a database: one transaction, one prepared INSERT run a million times,
 * and the table's secondary indexes dropped before and built again after (sorting once costs far less
 * than keeping five indexes in order row by row). Written straight to the bench database file with
 * better-sqlite3, in the format Prisma reads back.
 */
export async function seedAuditLog(tenantId: string, actorIds: string[], scale = AUDIT_SCALE): Promise<{ targetName: string; actorId: string; seconds: number }> {
  const { databaseUrl, sqliteFilePath } = await import("@/lib/db/database-url");
  const started = performance.now();
  const now = Date.now();
  const span = scale.days * 24 * 3600_000;
  const targetIds = Array.from({ length: scale.targets }, () => randomUUID());
  const sqlite = new Database(sqliteFilePath(databaseUrl()), { timeout: 30_000 });
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("temp_store = MEMORY");
  const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEvent' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  const insert = sqlite.prepare(
    `INSERT INTO "AuditEvent" ("id", "tenantId", "actorUserId", "action", "targetType", "targetId", "targetLabel", "details", "occurrences", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
    for (let index = 0; index < scale.entries; index++) {
      const target = (index * 7919) % scale.targets;
      const action = actionAt(index);
      insert.run(
        randomUUID(),
        tenantId,
        action === "token.ipDenied" ? null : actorIds[(index * 104_729) % actorIds.length],
        action,
        action.startsWith("token.") ? "API_TOKEN" : action.startsWith("user.") ? "USER" : "subnet",
        targetIds[target],
        `Bench target ${target}`,
        JSON.stringify({ name: `Bench target ${target}`, via: "api" }),
        action === "token.ipDenied" ? 1 + (index % 40) : 1,
        // Oldest first, so the newest entries were inserted last, as in a real log.
        sqliteTime(now - span + Math.floor((index / scale.entries) * span)),
      );
    }
    for (const index of indexes) sqlite.exec(index.sql);
  })();
  sqlite.pragma("synchronous = FULL");
  sqlite.close();
  return { targetName: "Bench target 4242", actorId: actorIds[1 % actorIds.length], seconds: Math.round((performance.now() - started) / 100) / 10 };
}

const round = (value: number) => Math.round(value * 10) / 10;

async function medianMs(run: () => Promise<unknown>, times = 15): Promise<number> {
  for (let index = 0; index < 3; index++) await run();
  const samples: number[] = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return round(samples[Math.floor(samples.length / 2)]);
}

export type AuditQueryTimings = Record<string, { medianMs: number; rows: number }>;

/** The page's query (listAuditEvents, 50 entries and the look-ups of names and actors) for each case, median of 15. */
export async function timeAuditQueries(tenantId: string, seed: { targetName: string; actorId: string }): Promise<{ timings: AuditQueryTimings; deepCursor: string; plans: Record<string, string[]> }> {
  const { listAuditEvents } = await import("@/lib/audit/list-audit-events");
  const { databaseUrl, sqliteFilePath } = await import("@/lib/db/database-url");
  // A cursor half way down the log: the page there costs what the first one does.
  let deepCursor = "";
  {
    const sqlite = new Database(sqliteFilePath(databaseUrl()), { readonly: true });
    const middle = sqlite
      .prepare(`SELECT "createdAt", "id" FROM "AuditEvent" WHERE "tenantId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET 500000`)
      .get(tenantId) as { createdAt: string; id: string } | undefined;
    sqlite.close();
    if (middle) deepCursor = Buffer.from(`${new Date(middle.createdAt).getTime()}.${middle.id}`).toString("base64url");
  }
  const sixMonthsAgo = new Date(Date.now() - 182 * 24 * 3600_000).toISOString().slice(0, 10);
  const aWeekLater = new Date(Date.now() - 175 * 24 * 3600_000).toISOString().slice(0, 10);
  const cases: Record<string, Parameters<typeof listAuditEvents>[1]> = {
    "first page": {},
    "activity: token.revoked": { action: "token.revoked" },
    "activity: user.deprovisioned (rarest)": { action: "user.deprovisioned" },
    "target: one token by name": { target: seed.targetName },
    "actor: one user": { actor: seed.actorId },
    "a week, six months ago": { from: sixMonthsAgo, to: aWeekLater },
    "page 10 000 (cursor half way down)": { before: deepCursor },
  };
  const timings: AuditQueryTimings = {};
  for (const [label, query] of Object.entries(cases)) {
    let rows = 0;
    const ms = await medianMs(async () => {
      rows = (await listAuditEvents(tenantId, query)).rows.length;
    });
    timings[label] = { medianMs: ms, rows };
  }
  // How SQLite runs the two main shapes: an index walk in order ("USING INDEX"), no "TEMP B-TREE" sort.
  const sqlite = new Database(sqliteFilePath(databaseUrl()), { readonly: true });
  const plan = (sql: string, ...args: unknown[]) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail);
  const plans = {
    "first page": plan(`SELECT * FROM "AuditEvent" WHERE "tenantId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`, tenantId),
    "activity filter after a cursor": plan(
      `SELECT * FROM "AuditEvent" WHERE "tenantId" = ? AND "action" = ? AND "createdAt" <= ? AND ("createdAt" < ? OR ("createdAt" = ? AND "id" < ?)) ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      tenantId,
      "token.revoked",
      "2030-01-01T00:00:00.000+00:00",
      "2030-01-01T00:00:00.000+00:00",
      "2030-01-01T00:00:00.000+00:00",
      "z",
    ),
  };
  sqlite.close();
  return { timings, deepCursor, plans };
}

// Alone: a scratch database with one tenant and its 1 000 000 entries, then the query timings.
if (require.main === module) {
  void (async () => {
    const dir = path.resolve(__dirname, ".data", "audit-only");
    const fs = await import("node:fs");
    const { execFileSync } = await import("node:child_process");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    Object.assign(process.env, { DATABASE_URL: `file:${path.join(dir, "bench-audit.db")}`, KEYPORT_DATA_DIR: dir });
    execFileSync(process.execPath, [path.resolve(__dirname, "../node_modules/tsx/dist/cli.mjs"), path.resolve(__dirname, "../scripts/prepare-db.ts")], { stdio: "ignore", env: process.env });
    const { createTenant } = await import("@/lib/tenants/create-tenant");
    const { db } = await import("@/lib/db/client");
    const tenant = await createTenant({ slug: "bench-audit", name: "Bench audit" });
    const users = Array.from({ length: 1000 }, (_, index) => ({ id: randomUUID(), tenantId: tenant.id, email: `user${index}@bench-audit.test`, name: `User ${index}`, role: "SECURITY_READER", passwordHash: "x" }));
    await db.user.createMany({ data: users });
    const seed = await seedAuditLog(tenant.id, users.map((user) => user.id));
    console.log(`seeded ${AUDIT_SCALE.entries.toLocaleString("en")} entries in ${seed.seconds} s`);
    const result = await timeAuditQueries(tenant.id, seed);
    console.log(JSON.stringify(result, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  })();
}
