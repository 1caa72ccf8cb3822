// `npm run db:check` (and a step of `npm test`): fails when the committed database files disagree with
// prisma/schema.prisma. For each provider it applies every migration to a fresh database, as
// `prisma migrate deploy` does in production, and asks Prisma whether replaying them yields exactly the
// schema's data model. The PostgreSQL half runs on KEYPORT_TEST_DATABASE_URL, or on a throwaway
// database of KEYPORT_TEST_PG_URL's server; with no server it is skipped, saying so.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseKind } from "@/lib/db/database-url";
import { SCHEMA_FILES } from "./db/schema-files";
import { postgresSchemaIsCurrent } from "./db/pg-schema";
import { runPrisma } from "./db/prisma-cli";
import { withoutUnmodelled } from "./db/unmodelled";
import { howToProvidePostgres, withThrowawayDatabase } from "./db/test-postgres";

const problems: string[] = [];
const LABEL: Record<DatabaseKind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

function migrationFolders(kind: DatabaseKind): string[] {
  const dir = SCHEMA_FILES[kind].migrations;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function checkFiles() {
  if (!postgresSchemaIsCurrent()) {
    problems.push(`${SCHEMA_FILES.postgresql.schema} is out of date with ${SCHEMA_FILES.sqlite.schema}: run \`npm run db:pg-schema\`.`);
  }
  const sqlite = migrationFolders("sqlite");
  const postgres = migrationFolders("postgresql");
  const onlySqlite = sqlite.filter((name) => !postgres.includes(name));
  const onlyPostgres = postgres.filter((name) => !sqlite.includes(name));
  if (onlySqlite.length || onlyPostgres.length) {
    problems.push(
      "Each migration needs a folder of the same name for both databases (write them with `npm run db:new-migration -- <name>`). " +
        [onlySqlite.length ? `Only SQLite: ${onlySqlite.join(", ")}.` : "", onlyPostgres.length ? `Only PostgreSQL: ${onlyPostgres.join(", ")}.` : ""].join(" ").trim(),
    );
  }
  for (const kind of ["sqlite", "postgresql"] as const) {
    for (const name of migrationFolders(kind)) {
      if (!fs.existsSync(path.join(SCHEMA_FILES[kind].migrations, name, "migration.sql"))) problems.push(`${SCHEMA_FILES[kind].migrations}/${name} has no migration.sql.`);
    }
  }
}

/** Applies the provider's migrations to the database at `url`, then compares a replay of them with the schema. */
function checkProvider(kind: DatabaseKind, url: string) {
  const { schema, migrations } = SCHEMA_FILES[kind];
  const env = { DATABASE_URL: url };
  const deploy = runPrisma(["migrate", "deploy"], env);
  if (deploy.status !== 0) {
    problems.push(`${LABEL[kind]}: the migrations in ${migrations} do not apply to a fresh database:\n${(deploy.stdout + deploy.stderr).trim()}`);
    return;
  }
  const diff = runPrisma(["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script", "--exit-code"], env);
  const missing = diff.status === 2 ? withoutUnmodelled(diff.stdout) : null;
  if (missing !== null) {
    problems.push(
      `${LABEL[kind]}: the migrations in ${migrations} fall short of ${schema}; they lack:\n${missing.trim()}\n` +
        "Write the missing migration with `npm run db:new-migration -- <name>`.",
    );
  } else if (diff.status !== 0 && diff.status !== 2) {
    problems.push(`${LABEL[kind]}: could not compare the migrations with the schema:\n${(diff.stdout + diff.stderr).trim()}`);
  } else {
    console.log(`${LABEL[kind]}: ${migrationFolders(kind).length} migrations apply to a fresh database and match ${schema}.`);
  }
}

async function main() {
  checkFiles();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-migrations-"));
  try {
    checkProvider("sqlite", `file:${path.join(dir, "check.db")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const postgres = await withThrowawayDatabase(async (url) => checkProvider("postgresql", url));
  if (!postgres.ran) console.log(`PostgreSQL: skipped. ${howToProvidePostgres(postgres.reason)}`);

  if (problems.length) {
    console.error(`\nThe database migrations disagree with the schema:\n\n${problems.map((problem) => `- ${problem}`).join("\n\n")}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
