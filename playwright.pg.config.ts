import path from "node:path";
import { defineConfig } from "@playwright/test";
import { INSTANCE_PORTS, PG_BASE_PORT, PG_E2E_DIR, pgDatabaseUrl } from "./e2e/support/pg-run";
import base, { mailSink } from "./playwright.config";

// The whole end-to-end suite again, on PostgreSQL, against two instances behind a round-robin proxy
// (scripts/e2e-server-pg.sh): every user story then also shows that the instances share nothing but
// the database. Plus the scale-out tests (e2e/scale-out). Run it with `bash scripts/e2e-pg.sh`, which
// provides the throwaway database.
const PORT = String(PG_BASE_PORT);
export const e2ePgEnv = {
  PORT,
  E2E_DIR: PG_E2E_DIR,
  // The test process writes its fixtures straight into the same database (not through the proxy).
  DATABASE_URL: pgDatabaseUrl(),
  KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, "data-tests"),
  KEYPORT_DEMO_PASSWORD: "e2e-demo-password",
  KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${PORT}`,
  KEYPORT_PUBLIC_URL: `http://localhost:${PORT}`,
  KEYPORT_API_RATE_LIMIT_PER_MINUTE: "300",
  // The security specs of each instance's HTTP front talk to the first instance itself.
  KEYPORT_E2E_EDGE_PORT: String(INSTANCE_PORTS[0]),
  // A mail server of this run's own (PG_BASE_PORT + 3 … 10 are the scale-out tests' instances).
  ...mailSink(PG_BASE_PORT + 20),
  NEXTAUTH_SECRET: "",
  AUTH_SECRET: "",
};
Object.assign(process.env, e2ePgEnv);

export default defineConfig({
  ...base,
  // Tests that need SQLite itself (its file lock) run only in the SQLite run; so do the axe scans and
  // the screenshots, which check what the browser renders (the same whatever the database) and are the
  // slowest specs of the suite.
  testIgnore: ["**/faults/sqlite-*.spec.ts", "**/accessibility/**", "**/ui/screenshots.spec.ts"],
  reporter: [["list"], ["json", { outputFile: "reports/e2e-pg.json" }]],
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: "bash scripts/e2e-server-pg.sh",
    url: `http://localhost:${PORT}/signin`,
    reuseExistingServer: false,
    timeout: 240_000,
    env: { ...e2ePgEnv, E2E_PG_PORT: PORT, KEYPORT_TEST_DATABASE_URL: pgDatabaseUrl() },
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
  metadata: { database: "postgresql", instances: INSTANCE_PORTS.join(",") },
});
