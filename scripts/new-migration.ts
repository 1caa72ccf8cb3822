// `npm run db:new-migration -- <name>`: after editing prisma/schema.prisma, writes the migration for
// both databases, in folders of the same name: prisma/migrations/<time>_<name> (SQLite) and
// prisma/postgresql/migrations/<time>_<name> (PostgreSQL), each what its provider's existing
// migrations lack to reach the schema. It regenerates the PostgreSQL schema first.
//
// Prisma computes the difference by replaying the migrations into a scratch database: SQLite's is in
// memory, PostgreSQL's is a throwaway database on the server at KEYPORT_TEST_PG_URL (default: the
// local server as postgres), which must therefore answer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseKind } from "@/lib/db/database-url";
import { SCHEMA_FILES } from "./db/schema-files";
import { writePostgresSchema } from "./db/pg-schema";
import { prisma } from "./db/prisma-cli";
import { withoutUnmodelled } from "./db/unmodelled";
import { howToProvidePostgres, withThrowawayDatabase } from "./db/test-postgres";

/** The SQL that takes the provider's migrations to its schema, or null when nothing is missing. */
function missingSql(kind: DatabaseKind, url: string): string | null {
  const { schema, migrations } = SCHEMA_FILES[kind];
  const run = prisma(["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script", "--exit-code"], { DATABASE_URL: url }, [0, 2]);
  return run.status === 2 ? withoutUnmodelled(run.stdout) : null;
}

function folderName(name: string): string {
  const existing = fs.readdirSync(SCHEMA_FILES.sqlite.migrations).filter((entry) => /^\d{14}_/.test(entry)).sort();
  let stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  // Migrations apply in name order: a new one must sort after every existing one, whatever the clock says.
  const last = existing.at(-1)?.slice(0, 14);
  if (last && stamp <= last) stamp = String(BigInt(last) + 1n);
  return `${stamp}_${name}`;
}

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:new-migration -- <name>   (lower-case letters, digits and underscores, e.g. add_token_labels)");
    return 2;
  }
  if (writePostgresSchema()) console.log(`Updated ${SCHEMA_FILES.postgresql.schema} from ${SCHEMA_FILES.sqlite.schema}.`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-new-migration-"));
  let sqlite: string | null;
  try {
    sqlite = missingSql("sqlite", `file:${path.join(scratch, "scratch.db")}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const postgres = await withThrowawayDatabase(async (url) => missingSql("postgresql", url));
  if (!postgres.ran) {
    console.error(`Writing the PostgreSQL migration needs a PostgreSQL server. ${howToProvidePostgres(postgres.reason)}`);
    return 1;
  }
  if (sqlite === null && postgres.value === null) {
    console.log("The migrations of both databases already match the schema: nothing to write.");
    return 0;
  }

  const folder = folderName(name);
  for (const [kind, sql] of [["sqlite", sqlite], ["postgresql", postgres.value]] as const) {
    const dir = path.join(SCHEMA_FILES[kind].migrations, folder);
    fs.mkdirSync(dir, { recursive: true });
    // Both providers get the folder, even when one has nothing to change, so their histories stay one to one.
    fs.writeFileSync(path.join(dir, "migration.sql"), sql ?? "-- Nothing changes for this database.\n");
    console.log(`Wrote ${path.join(dir, "migration.sql")}`);
  }
  console.log("Next: `npx prisma generate` (both clients), `npm run db:migrate` (apply to DATABASE_URL's database), and commit both folders.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
