// Gives the unit tests a fresh, migrated SQLite database (never a mock).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export default function setup() {
  const dir = path.resolve(__dirname, ".vitest");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [path.resolve(__dirname, "node_modules/tsx/dist/cli.mjs"), "scripts/prepare-db.ts"], {
    cwd: __dirname,
    stdio: "pipe",
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "keyport-unit.db")}`, KEYPORT_DATA_DIR: path.join(dir, "data") },
  });
}
