// The one place that decides which database Keyport talks to. The CLI (prisma.config.ts),
// the server and the scripts all ask here, so they can never disagree. It also keeps the data
// private: the data folder is this user's alone (0700) and the database files are 0600, so another
// account on the machine reads neither the tokens' digests nor the sealed signing keys.
import fs from "node:fs";
import path from "node:path";
// Relative: prisma.config.ts loads this module, and Prisma resolves no "@/" paths.
import { config } from "../config";

const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;

/** Folder for the embedded database and generated secrets; created on first use, private to this user. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ config.dataDir ?? path.join(process.cwd(), "data"));
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
  restrictMode(dir, PRIVATE_FOLDER);
  return dir;
}

export function databaseUrl(): string {
  return config.databaseUrl ?? `file:${path.join(dataDir(), "keyport.db")}`;
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

/**
 * Makes a SQLite database file and its companions (-wal, -shm, -journal) readable and writable by
 * this user only. SQLite creates the companions with the database file's own mode, so once the file
 * is 0600 they follow.
 */
export function restrictDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) restrictMode(file + suffix, PRIVATE_FILE);
}

/** Creates the folder of a database file if needed, private to this user (an existing folder is left as it is: it may be shared). */
export function createDatabaseFolder(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER });
}

function restrictMode(target: string, mode: number): void {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (error) {
    // Missing (a companion file not created yet) or not ours to change: nothing to do.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw error;
  }
}
