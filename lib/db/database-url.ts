// The one place that decides which database Keyport talks to. The CLI (prisma.config.ts),
// the server and the scripts all ask here, so they can never disagree.
import fs from "node:fs";
import path from "node:path";

/** Folder for the embedded database and generated secrets; created on first use. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.KEYPORT_DATA_DIR ?? path.join(process.cwd(), "data"));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), "keyport.db")}`;
}

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url = databaseUrl()): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got ${url.split(":")[0]}:`);
}

/** Absolute path of a SQLite database file named by a file: URL (relative paths are from the working folder). */
export function sqliteFilePath(url = databaseUrl()): string {
  const raw = url.replace(/^file:/, "").split("?")[0];
  return path.resolve(/*turbopackIgnore: true*/ raw);
}
