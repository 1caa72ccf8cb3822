// A value the configuration cannot take stops the server at start, in one line naming the variable and
// what it accepts; values are otherwise read as set, and blanks mean the default.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkConfig, config, configDocumentation } from "@/lib/config";

const ROOT = path.resolve(import.meta.dirname, "..");

/** `npm start` in an environment of only the variable under test (so nothing else decides the outcome). */
function startWith(variables: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: ROOT, env: { PATH: "/usr/bin:/bin", NODE_ENV: "production", ...variables }, encoding: "utf8", timeout: 20_000 });
}

describe("starting with a value the configuration cannot take", () => {
  it.each([
    ["KEYPORT_API_RATE_LIMIT_PER_MINUTE", "abc", /whole number of API requests per credential a minute/],
    ["DATABASE_URL", "mysql://x", /file:<path> \(SQLite\) or postgresql:\/\//],
  ])("%s=%s exits at once, with one line naming the variable and what it takes", (name, value, accepts) => {
    const run = startWith({ [name]: value });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^keyport: ${name} is not valid`));
    expect(lines[0]).toMatch(accepts);
  });

  it("does not repeat a database URL's credentials in that line", () => {
    const run = startWith({ DATABASE_URL: "mysql://admin:hunter2@db.example.com/keyport" });
    expect(run.stderr).toMatch(/DATABASE_URL is not valid \(got mysql:…\)/);
    expect(run.stderr).not.toContain("hunter2");
  });
});

describe("config", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads a variable as it is set now, a blank one as unset, and refuses a bad one by name", () => {
    vi.stubEnv("KEYPORT_API_RATE_LIMIT_PER_MINUTE", " 300 ");
    expect(config.apiRateLimitPerMinute).toBe(300);
    vi.stubEnv("KEYPORT_API_RATE_LIMIT_PER_MINUTE", " ");
    expect(config.apiRateLimitPerMinute).toBe(1200);
    for (const bad of ["abc", "0", "1.5", "1e3", "-4"]) {
      vi.stubEnv("KEYPORT_API_RATE_LIMIT_PER_MINUTE", bad);
      expect(() => config.apiRateLimitPerMinute, bad).toThrow(/KEYPORT_API_RATE_LIMIT_PER_MINUTE is not valid/);
      expect(() => checkConfig(), bad).toThrow(/KEYPORT_API_RATE_LIMIT_PER_MINUTE/);
    }
  });

  it("documents each variable once", () => {
    const names = configDocumentation().map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of configDocumentation()) expect(entry.accepts, entry.name).toMatch(/default/);
  });
});
