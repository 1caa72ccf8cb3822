import path from "node:path";
import { defineConfig } from "vitest/config";

const VITEST_DIR = path.resolve(import.meta.dirname, ".vitest");

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    // Unit tests that touch data use a real SQLite file, migrated afresh for each run.
    // Webhook receivers and identity providers of the unit tests listen on the loopback, which only an operator's setting lets webhooks reach.
    env: { DATABASE_URL: `file:${path.join(VITEST_DIR, "keyport-unit.db")}`, KEYPORT_DATA_DIR: path.join(VITEST_DIR, "data"), KEYPORT_OUTBOUND_PRIVATE_NETWORKS: "allow" },
    globalSetup: ["./vitest.global-setup.ts"],
    fileParallelism: false,
    // Several tests start child processes or hash passwords on a real database: on a busy 2-core machine they take seconds.
    testTimeout: 30_000,
  },
});
