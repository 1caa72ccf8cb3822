// The audit log at 1 000 000 entries: seeds them into the bench tenant in one bulk load (SQLite: one
// prepared INSERT run a million times; PostgreSQL: one INSERT … SELECT over generate_series), then times
// the queries behind the page (the first page, filtered pages, a page deep in the log reached by its
// cursor) and shows the database's plan for them, to prove each is an index walk that stops after one
// page. Used by bench/run.ts (which also times the page and the export over HTTP);
// `tsx bench/audit-log-bench.ts` runs the query part alone on a scratch SQLite database.
import { randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

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

/** The same spread in SQL, for PostgreSQL's generated rows: the action of row `i` (a bigint). */
function actionAtSql(i: string): string {
  let cumulative = 0;
  const branches = ACTIONS.map(([action, weight]) => {
    cumulative += weight;
    return `WHEN p < ${cumulative} THEN '${action}'`;
  });
  return `(SELECT CASE ${branches.join(" ")} ELSE '${ACTIONS[0][0]}' END FROM (SELECT ((${i} * 2654435761) % 1000003)::float8 / 1000003 * ${TOTAL_WEIGHT} AS p) AS point)`;
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
  const { databaseKind, databaseUrl, sqliteFilePath } = await import("@/lib/db/database-url");
  const started = performance.now();
  if (databaseKind() === "postgresql") {
    await seedAuditLogPostgres(tenantId, actorIds, scale);
    return { targetName: "Bench target 4242", actorId: actorIds[1 % actorIds.length], seconds: Math.round((performance.now() - started) / 100) / 10 };
  }
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

/** The same rows on PostgreSQL, generated in the database in one statement (a bulk load: bench/seed-bench.ts). */
async function seedAuditLogPostgres(tenantId: string, actorIds: string[], scale: typeof AUDIT_SCALE) {
  const { bulkLoadPostgres } = await import("./seed-bench");
  const targetIds = Array.from({ length: scale.targets }, () => randomUUID());
  await bulkLoadPostgres("AuditEvent", async (client) => {
    const action = actionAtSql("i");
    // $1 tenant, $2 actor ids, $3 target ids, $4 entries, $5 now (ms), $6 span (ms)
    await client.query(
      `INSERT INTO "AuditEvent" ("id", "tenantId", "actorUserId", "action", "targetType", "targetId", "targetLabel", "details", "occurrences", "createdAt")
       SELECT gen_random_uuid()::text, $1,
              CASE WHEN a = 'token.ipDenied' THEN NULL ELSE ($2::text[])[(i * 104729) % cardinality($2::text[]) + 1] END,
              a,
              CASE WHEN a LIKE 'token.%' THEN 'API_TOKEN' WHEN a LIKE 'user.%' THEN 'USER' ELSE 'subnet' END,
              ($3::text[])[t + 1],
              'Bench target ' || t,
              '{"name":"Bench target ' || t || '","via":"api"}',
              CASE WHEN a = 'token.ipDenied' THEN 1 + i % 40 ELSE 1 END,
              to_timestamp(($5::bigint - $6::bigint + floor(i::float8 / $4 * $6)::bigint) / 1000.0) AT TIME ZONE 'UTC'
       FROM (SELECT i, (i * 7919) % cardinality($3::text[]) AS t, ${action} AS a FROM generate_series(0::bigint, $4::bigint - 1) AS i) AS generated`,
      [tenantId, actorIds, targetIds, scale.entries, Date.now(), scale.days * 24 * 3600_000],
    );
  });
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
  const { databaseKind, databaseUrl, sqliteFilePath } = await import("@/lib/db/database-url");
  const onPostgres = databaseKind() === "postgresql";
  // A cursor half way down the log: the page there costs what the first one does.
  let deepCursor = "";
  const middleOffset = Math.floor(AUDIT_SCALE.entries / 2);
  if (onPostgres) {
    const { pgPoolConfig } = await import("@/lib/db/postgres");
    const client = new pg.Client(pgPoolConfig(databaseUrl()));
    await client.connect();
    try {
      const { rows } = await client.query<{ ms: string; id: string }>(
        `SELECT floor(extract(epoch FROM "createdAt") * 1000)::bigint::text AS ms, "id" FROM "AuditEvent" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ${middleOffset}`,
        [tenantId],
      );
      if (rows[0]) deepCursor = Buffer.from(`${rows[0].ms}.${rows[0].id}`).toString("base64url");
    } finally {
      await client.end();
    }
  } else {
    const sqlite = new Database(sqliteFilePath(databaseUrl()), { readonly: true });
    const middle = sqlite
      .prepare(`SELECT "createdAt", "id" FROM "AuditEvent" WHERE "tenantId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ${middleOffset}`)
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
  const plans = onPostgres ? await postgresPlans(tenantId) : sqlitePlans(tenantId, sqliteFilePath(databaseUrl()));
  return { timings, deepCursor, plans };
}

// The two main shapes of the page's query: the first page, and an activity filter after a cursor.
const FIRST_PAGE = `SELECT * FROM "AuditEvent" WHERE "tenantId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`;
const FILTER_AFTER_CURSOR = `SELECT * FROM "AuditEvent" WHERE "tenantId" = ? AND "action" = ? AND "createdAt" <= ? AND ("createdAt" < ? OR ("createdAt" = ? AND "id" < ?)) ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`;

/** How SQLite runs them: an index walk in order ("USING INDEX"), no "TEMP B-TREE" sort. */
function sqlitePlans(tenantId: string, file: string): Record<string, string[]> {
  const sqlite = new Database(file, { readonly: true });
  const plan = (sql: string, ...args: unknown[]) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail);
  const cursorTime = "2030-01-01T00:00:00.000+00:00";
  try {
    return { "first page": plan(FIRST_PAGE, tenantId), "activity filter after a cursor": plan(FILTER_AFTER_CURSOR, tenantId, "token.revoked", cursorTime, cursorTime, cursorTime, "z") };
  } finally {
    sqlite.close();
  }
}

/**
 * How PostgreSQL runs them, with the rows and time each step took (EXPLAIN ANALYZE): an index scan
 * backward that stops after 51 rows, no Sort node. The cursor is half way down the log.
 */
async function postgresPlans(tenantId: string): Promise<Record<string, string[]>> {
  const { databaseUrl } = await import("@/lib/db/database-url");
  const { pgPoolConfig } = await import("@/lib/db/postgres");
  const { numberedPlaceholders } = await import("@/lib/db/sql-dialect");
  const client = new pg.Client(pgPoolConfig(databaseUrl()));
  await client.connect();
  try {
    const plan = async (sql: string, args: unknown[]) =>
      (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${numberedPlaceholders(sql, "postgresql")}`, args)).rows
        .map((row) => row["QUERY PLAN"].trim().replace(/^->\s*/, ""))
        .filter((line) => !line.startsWith("Planning Time"));
    // As text: the column is a timestamp without time zone, which the driver would read in local time.
    const { rows } = await client.query<{ createdAt: string; id: string }>(
      `SELECT "createdAt"::text AS "createdAt", "id" FROM "AuditEvent" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ${Math.floor(AUDIT_SCALE.entries / 2)}`,
      [tenantId],
    );
    const middle = rows[0] ?? { createdAt: "2030-01-01 00:00:00", id: "z" };
    return {
      "first page": await plan(FIRST_PAGE, [tenantId]),
      "activity filter after a cursor": await plan(FILTER_AFTER_CURSOR, [tenantId, "token.revoked", middle.createdAt, middle.createdAt, middle.createdAt, middle.id]),
    };
  } finally {
    await client.end();
  }
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
