// Creates the database if needed and applies every committed migration (`prisma migrate deploy`) of
// the provider DATABASE_URL names. For SQLite it also turns on write-ahead logging, so the portal reads
// while the API records last use, and keeps the database files private to this user (0600; SQLite gives
// -wal and -shm the same mode); for PostgreSQL it creates the database on the server when missing.
import "dotenv/config";
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { createDatabaseFolder, databaseKind, databaseUrl, restrictDatabaseFiles, sqliteFilePath } from "@/lib/db/database-url";
import { databaseName, ensureDatabase } from "./db/postgres-admin";

async function main() {
  const url = databaseUrl();
  const env = { ...process.env, DATABASE_URL: url };

  if (databaseKind(url) === "sqlite") {
    const file = sqliteFilePath(url);
    createDatabaseFolder(file);
    // Whatever this script and the migration process it starts create is private from the start.
    process.umask(0o077);
    restrictDatabaseFiles(file);
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
    restrictDatabaseFiles(file);
  } else if ((await ensureDatabase(url)) === "created") {
    console.log(`Created the PostgreSQL database ${databaseName(url)}.`);
  }

  execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], { stdio: "inherit", env });

  if (databaseKind(url) === "sqlite") restrictDatabaseFiles(sqliteFilePath(url));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
