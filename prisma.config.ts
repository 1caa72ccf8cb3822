// Prisma CLI configuration: the JavaScript schema engine with a driver adapter, so generate and
// migrate run fully offline (no native engine download). DATABASE_URL picks the provider: its schema,
// its migrations and its adapter (`file:` SQLite, `postgresql://` PostgreSQL).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { databaseKind, databaseUrl, sqliteFilePath } from "./lib/db/database-url";
import { postgresMigrationAdapter, sqliteMigrationAdapter } from "./scripts/db/migrate-adapters";
import { SCHEMA_FILES } from "./scripts/db/schema-files";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to downloading a
// native query engine (unreachable offline): give it the same database the server uses.
process.env.DATABASE_URL ||= databaseUrl();
const url = process.env.DATABASE_URL;
const kind = databaseKind(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: SCHEMA_FILES[kind].schema,
  migrations: { path: SCHEMA_FILES[kind].migrations, seed: "tsx prisma/seed.ts" },
  async adapter() {
    return kind === "postgresql" ? postgresMigrationAdapter(url) : sqliteMigrationAdapter(sqliteFilePath(url));
  },
});
