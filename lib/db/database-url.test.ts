// The embedded database is private to the account that runs Keyport: a fresh install's data folder is
// 0700 and the database with its -wal and -shm files 0600 (before, 0755 and 0644: readable by every
// account on the machine), and an existing data folder is tightened on the next start.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { dataDir } from "@/lib/db/database-url";

const ROOT = path.resolve(__dirname, "../..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-perm-"));

function mode(target: string): string {
  return (fs.statSync(target).mode & 0o777).toString(8);
}

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("data file permissions", () => {
  it("prepare-db creates a 0700 data folder holding a 0600 database, and SQLite's -wal and -shm files follow", () => {
    const data = path.join(scratch, "fresh", "data");
    const env = { ...process.env, KEYPORT_DATA_DIR: data, DATABASE_URL: "" };
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/prepare-db.ts"], { cwd: ROOT, env, stdio: "pipe" });
    const file = path.join(data, "keyport.db");
    // The server opens the database with the usual umask: what it creates must still be private.
    const previous = process.umask(0o022);
    try {
      const sqlite = new Database(file);
      sqlite.pragma("journal_mode = WAL");
      sqlite.exec("CREATE TABLE IF NOT EXISTS probe (x INTEGER); INSERT INTO probe VALUES (1);");
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      expect({ folder: mode(data), db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({ folder: "700", db: "600", wal: "600", shm: "600" });
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  }, 60_000);

  it("an existing data folder left readable by others is made private when Keyport uses it", () => {
    const data = path.join(scratch, "existing");
    fs.mkdirSync(data, { mode: 0o755 });
    fs.chmodSync(data, 0o755);
    vi.stubEnv("KEYPORT_DATA_DIR", data);
    try {
      expect(dataDir()).toBe(data);
      expect(mode(data)).toBe("700");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
