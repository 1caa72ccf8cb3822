// Prisma CLI configuration: the JavaScript schema engine with a driver adapter, so generate and
// migrate run fully offline (no native engine download).
import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseKind, databaseUrl, sqliteFilePath } from "./lib/db/database-url";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to downloading a
// native query engine (unreachable offline): give it the same database the server uses.
process.env.DATABASE_URL ||= databaseUrl();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    const url = databaseUrl();
    if (databaseKind(url) !== "sqlite") {
      throw new Error("Only SQLite (file:) databases are supported by this build of Keyport's migrations.");
    }
    return new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
  },
});
