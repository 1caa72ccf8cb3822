// Creates the database if needed and applies every committed migration (`prisma migrate deploy`) of
// the provider DATABASE_URL names. For SQLite it also turns on write-ahead logging, so the portal reads
// while the API records last use; for PostgreSQL it creates the database on the server when missing.
import "dotenv/config";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKind, databaseUrl, sqliteFilePath } from "@/lib/db/database-url";
import { databaseName, ensureDatabase } from "@/lib/db/postgres-admin";

async function main() {
  const url = databaseUrl();
  const env = { ...process.env, DATABASE_URL: url };

  if (databaseKind(url) === "sqlite") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  } else if ((await ensureDatabase(url)) === "created") {
    console.log(`Created the PostgreSQL database ${databaseName(url)}.`);
  }

  execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], { stdio: "inherit", env });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
