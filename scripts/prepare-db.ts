// Creates the database if needed and applies every committed migration (`prisma migrate deploy`).
// For SQLite it also turns on write-ahead logging, so the portal reads while the API records last use.
import "dotenv/config";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKind, databaseUrl, sqliteFilePath } from "@/lib/db/database-url";

const url = databaseUrl();
const env = { ...process.env, DATABASE_URL: url };

if (databaseKind(url) === "sqlite") {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], { stdio: "inherit", env });
