// The benchmark's tenant: `users` users and `tokens` API tokens, a third each never used, used in the
// last 7 days and used before that; one user holds `heavyUserTokens` tokens. The values of `keptValues`
// tokens are returned (for the load generator); the rest exist only as digests, as in a real database.
//
// A million tokens cannot go through the application's own insert path in a couple of minutes, so the
// bulk of them is generated inside the database in one statement (a recursive CTE on SQLite,
// generate_series on PostgreSQL), with the secondary indexes of the token table dropped during the load
// and rebuilt afterwards from their own definitions (a sorted index build instead of a million random
// inserts). The kept and heavy-user tokens go through Prisma, as the application writes them.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { db } from "@/lib/db/client";
import { databaseKind, databaseUrl, sqliteFilePath } from "@/lib/db/database-url";
import { pgPoolConfig } from "@/lib/db/postgres";
import { hashPassword } from "@/lib/users/passwords";
import { createTenant } from "@/lib/tenants/create-tenant";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";
import { foldTokenTally } from "@/lib/tokens/token-tally";
import { seedTenantResources, DEMO_SCALE } from "@/lib/seed/seed-resources";

export type BenchSeed = { tenantId: string; slug: string; adminEmail: string; heavyUserEmail: string; password: string; tokenValues: string[] };
export type BenchScale = { users: number; tokens: number; keptValues: number; heavyUserTokens: number };

const DAY = 24 * 60 * 60 * 1000;

// The same spread as the generated rows below, for the tokens written through Prisma.
const createdAgo = (index: number) => (index * 7919) % (365 * DAY);
const usedAgo = (index: number, bucket: number) => (bucket === 1 ? (index * 104_729) % (6 * DAY) : 8 * DAY + ((index * 104_729) % (90 * DAY)));

export async function seedBenchTenant(options: BenchScale & { password: string }): Promise<BenchSeed> {
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
  // Kept tokens (whose values the load generator presents) and the heavy user's tokens, written as the application writes them.
  const written = Math.min(options.tokens, options.keptValues + options.heavyUserTokens);
  const rows = [];
  for (let index = 0; index < written; index++) {
    const value = newTokenValue("API_TOKEN");
    const kept = index < options.keptValues;
    if (kept) tokenValues.push(value);
    const bucket = index % 3;
    rows.push({
      id: randomUUID(),
      tenantId: tenant.id,
      userId: kept ? users[index % users.length].id : heavyUser.id,
      kind: "API_TOKEN",
      name: `Token ${index}`,
      digest: digestToken(value),
      hint: tokenHint(value),
      createdAt: new Date(now - createdAgo(index)),
      // Kept tokens start unused, so the load run's last-use writes are all counted.
      lastUsedAt: kept || bucket === 0 ? null : new Date(now - usedAgo(index, bucket)),
    });
  }
  for (let start = 0; start < rows.length; start += 1_000) await db.apiToken.createMany({ data: rows.slice(start, start + 1_000) });

  // The rest, spread over every user, generated in the database.
  const bulk = { tenantId: tenant.id, userIds: users.map((user) => user.id), from: written, to: options.tokens, now };
  if (bulk.to > bulk.from) {
    if (databaseKind() === "postgresql") await bulkTokensPostgres(bulk);
    else bulkTokensSqlite(bulk);
  }
  await seedTenantResources(tenant, DEMO_SCALE);
  return { tenantId: tenant.id, slug: tenant.slug, adminEmail: users[0].email, heavyUserEmail: heavyUser.email, password: options.password, tokenValues };
}

type Bulk = { tenantId: string; userIds: string[]; from: number; to: number; now: number };

/** Rows `from` … `to - 1`: random digests (64 hex, as SHA-256), the same time spread as the rows above. */
function bulkTokensSqlite(bulk: Bulk) {
  const sqlite = new Database(sqliteFilePath(databaseUrl()));
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144"); // 256 MiB for the index builds
    const indexes = sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ApiToken' AND sql IS NOT NULL`)
      .all() as { name: string; sql: string }[];
    sqlite.transaction(() => {
      for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
      sqlite.exec(`CREATE TEMP TABLE bench_user (n INTEGER PRIMARY KEY, id TEXT NOT NULL)`);
      const addUser = sqlite.prepare(`INSERT INTO bench_user (n, id) VALUES (?, ?)`);
      bulk.userIds.forEach((id, n) => addUser.run(n, id));
      // Prisma stores SQLite DateTime values as ISO 8601 text with milliseconds and +00:00.
      const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%S', (${ms}) / 1000, 'unixepoch') || '.' || printf('%03d', (${ms}) % 1000) || '+00:00'`;
      sqlite
        .prepare(
          `WITH RECURSIVE s(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM s WHERE i + 1 < @to)
           INSERT INTO "ApiToken" ("id", "tenantId", "userId", "kind", "name", "digest", "hint", "createdAt", "lastUsedAt")
           SELECT lower(hex(randomblob(16))), @tenantId, (SELECT id FROM bench_user WHERE n = i % @users), 'API_TOKEN', 'Token ' || i,
                  lower(hex(randomblob(32))), 'kpat_…' || substr(lower(hex(randomblob(2))), 1, 4),
                  ${iso("@now - (i * 7919) % (365 * 86400000)")},
                  CASE i % 3 WHEN 0 THEN NULL
                             WHEN 1 THEN ${iso("@now - (i * 104729) % (6 * 86400000)")}
                             ELSE ${iso("@now - 8 * 86400000 - (i * 104729) % (90 * 86400000)")} END
           FROM s`,
        )
        .run({ from: bulk.from, to: bulk.to, tenantId: bulk.tenantId, users: bulk.userIds.length, now: bulk.now });
      for (const index of indexes) sqlite.exec(index.sql);
      sqlite.exec(`DROP TABLE bench_user`);
    })();
  } finally {
    sqlite.close();
  }
}

/**
 * A bulk load of `table` on PostgreSQL in one transaction: its secondary indexes dropped before `load` and
 * built again after it (one sorted build costs far less than keeping each in order row by row), then
 * VACUUM ANALYZE, what autovacuum does soon after a load this size on a live server (statistics for the
 * planner and a visibility map, so counts can be answered from an index alone).
 */
export async function bulkLoadPostgres(table: string, load: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client(pgPoolConfig(databaseUrl()));
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows: indexes } = await client.query<{ name: string; sql: string }>(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [table],
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    await load(client);
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const index of indexes) await client.query(index.sql);
    await client.query("COMMIT");
    await client.query(`VACUUM ANALYZE "${table}"`);
  } finally {
    await client.end();
  }
}

async function bulkTokensPostgres(bulk: Bulk) {
  await bulkLoadPostgres("ApiToken", (client) =>
    client.query(
      `INSERT INTO "ApiToken" ("id", "tenantId", "userId", "kind", "name", "digest", "hint", "createdAt", "lastUsedAt")
       SELECT gen_random_uuid()::text, $1, ($2::text[])[i % cardinality($2::text[]) + 1], 'API_TOKEN', 'Token ' || i,
              md5(random()::text) || md5(random()::text), 'kpat_…' || substr(md5(random()::text), 1, 4),
              to_timestamp(($4::bigint - (i * 7919) % (365 * 86400000::bigint)) / 1000.0) AT TIME ZONE 'UTC',
              CASE i % 3 WHEN 0 THEN NULL
                         WHEN 1 THEN to_timestamp(($4::bigint - (i * 104729) % (6 * 86400000::bigint)) / 1000.0) AT TIME ZONE 'UTC'
                         ELSE to_timestamp(($4::bigint - 8 * 86400000::bigint - (i * 104729) % (90 * 86400000::bigint)) / 1000.0) AT TIME ZONE 'UTC' END
       FROM generate_series($3::bigint, $5::bigint - 1) AS i`,
      [bulk.tenantId, bulk.userIds, bulk.from, bulk.now, bulk.to],
    ),
  );
  // The bulk insert fired the tally trigger once per token: a million pending changes, folded now as the
  // scheduler would over its next runs, then vacuumed as autovacuum would.
  await foldTokenTally();
  const vacuum = new pg.Client(pgPoolConfig(databaseUrl()));
  await vacuum.connect();
  try {
    await vacuum.query(`VACUUM ANALYZE "ApiTokenTally"`);
    await vacuum.query(`VACUUM ANALYZE "ApiTokenTallyDelta"`);
  } finally {
    await vacuum.end();
  }
}

/**
 * Logs, in the database itself, every write of a token's last use, whichever instance made it: a
 * trigger on the token table appends the token and the time written. The benchmark reads the log to
 * count writes per token for the whole deployment. Created in the scratch database only.
 */
export async function installLastUseWriteLog(): Promise<void> {
  if (databaseKind() === "postgresql") {
    await db.$executeRawUnsafe(`CREATE TABLE bench_last_use_write (token_id TEXT NOT NULL, used_at TIMESTAMP(3), written_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())`);
    await db.$executeRawUnsafe(
      `CREATE FUNCTION bench_log_last_use() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO bench_last_use_write (token_id, used_at) VALUES (NEW."id", NEW."lastUsedAt"); RETURN NEW; END $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER bench_last_use AFTER UPDATE OF "lastUsedAt" ON "ApiToken" FOR EACH ROW EXECUTE FUNCTION bench_log_last_use()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TABLE bench_last_use_write (token_id TEXT NOT NULL, used_at TEXT, written_at INTEGER NOT NULL)`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER bench_last_use AFTER UPDATE OF "lastUsedAt" ON "ApiToken" BEGIN
         INSERT INTO bench_last_use_write (token_id, used_at, written_at) VALUES (NEW."id", NEW."lastUsedAt", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
       END`,
    );
  }
}

export type LastUseWrites = { writes: number; tokens: number; minutes: number; closestGapSeconds: number | null; tokensWrittenTwiceWithinAMinute: number };

/** The writes logged since `since`: how many, for how many tokens, and the closest two writes of one token. */
export async function lastUseWritesSince(since: Date): Promise<LastUseWrites> {
  const rows = (await db.$queryRawUnsafe(
    databaseKind() === "postgresql"
      ? `SELECT token_id AS "tokenId", extract(epoch FROM used_at) * 1000 AS "usedAt", extract(epoch FROM written_at) * 1000 AS "writtenAt" FROM bench_last_use_write WHERE written_at >= $1`
      : `SELECT token_id AS "tokenId", used_at AS "usedAt", written_at AS "writtenAt" FROM bench_last_use_write WHERE written_at >= ?`,
    databaseKind() === "postgresql" ? since : since.getTime(),
  )) as { tokenId: string; usedAt: unknown; writtenAt: unknown }[];
  const asMs = (value: unknown) => (typeof value === "string" && !/^\d+(\.\d+)?$/.test(value) ? Date.parse(value) : Number(value));
  const byToken = new Map<string, number[]>();
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    const usedAt = asMs(row.usedAt);
    const writtenAt = asMs(row.writtenAt);
    first = Math.min(first, writtenAt);
    last = Math.max(last, writtenAt);
    const list = byToken.get(row.tokenId) ?? [];
    list.push(usedAt);
    byToken.set(row.tokenId, list);
  }
  // The rule is on the times written: two writes of one token carry uses at least a minute apart.
  let closest = Infinity;
  let twice = 0;
  for (const times of byToken.values()) {
    times.sort((a, b) => a - b);
    let tokenTwice = false;
    for (let index = 1; index < times.length; index++) {
      const gap = times[index] - times[index - 1];
      closest = Math.min(closest, gap);
      if (gap < 60_000) tokenTwice = true;
    }
    if (tokenTwice) twice++;
  }
  return {
    writes: rows.length,
    tokens: byToken.size,
    minutes: rows.length ? Math.max(1, Math.ceil((last - first) / 60_000)) : 0,
    closestGapSeconds: Number.isFinite(closest) ? Math.round(closest / 100) / 10 : null,
    tokensWrittenTwiceWithinAMinute: twice,
  };
}
