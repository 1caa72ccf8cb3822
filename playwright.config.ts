import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Every e2e run gets its own throwaway SQLite database and data folder (scripts/e2e-server.sh).
const PORT = process.env.E2E_PORT || "3100";
const E2E_DIR = path.resolve(__dirname, ".e2e");
/** The mail settings of a run whose mail server listens on `port` (outside .e2e/, which the server script empties). */
export function mailSink(port: number) {
  return {
    KEYPORT_SMTP_URL: `smtp://127.0.0.1:${port}`,
    KEYPORT_MAIL_FROM: "Keyport e2e <keyport@e2e.test>",
    KEYPORT_E2E_MAIL_DIR: path.resolve(__dirname, ".e2e-mail", String(port)),
  };
}

export const e2eEnv = {
  PORT,
  E2E_DIR,
  DATABASE_URL: `file:${path.join(E2E_DIR, "keyport-e2e.db")}`,
  KEYPORT_DATA_DIR: path.join(E2E_DIR, "data"),
  KEYPORT_DEMO_PASSWORD: "e2e-demo-password",
  KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${PORT}`,
  // Low enough that a test can reach it, high enough that no other test does.
  KEYPORT_API_RATE_LIMIT_PER_MINUTE: "300",
  // Every spec speaks from 127.0.0.1 and many send bad credentials on purpose: the failed-authentication
  // limit per IP is checked on a server of its own (e2e/security/failure-cost.spec.ts).
  KEYPORT_AUTH_FAILURES_PER_MINUTE: "1000000",
  // Leak reports all come from 127.0.0.1 too: the 60-a-minute default is checked on a server of its own
  // (e2e/tokens-api/leak-report-limit.spec.ts).
  KEYPORT_LEAK_REPORTS_PER_MINUTE: "1000000",
  // And the deployment's budget of reported values a minute, checked on servers of their own
  // (e2e/tokens-api/leak-report-budget.spec.ts).
  KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE: "1000000",
  // Webhook retries wait 400 ms, then 800 ms … instead of 30 s, 1 min …, and the worker looks for due
  // deliveries five times a second, so a test sees three attempts in about two seconds.
  KEYPORT_WEBHOOK_RETRY_BASE_MS: "400",
  KEYPORT_WEBHOOK_POLL_MS: "200",
  // An endpoint is paused after 5 failed attempts in a row (not 12), so that a test sees it within seconds.
  KEYPORT_WEBHOOK_PAUSE_AFTER_FAILURES: "5",
  // The specs' webhook receivers listen on this machine's loopback, which webhooks may not reach unless
  // the operator allows private networks (lib/webhooks/destination.test.ts proves the refusal).
  KEYPORT_OUTBOUND_PRIVATE_NETWORKS: "allow",
  // Every server of the run mails the local SMTP server of e2e/support/global-mail-sink.ts, which keeps
  // each message in a folder for the specs; the scheduler looks for due jobs every second, not every 15.
  ...mailSink(Number(PORT) + 70),
  KEYPORT_SCHEDULER_TICK_MS: "1000",
  KEYPORT_MAIL_INTERVAL_MS: "1000",
};
// The test process reaches the same database for fixtures: through lib/ modules, and the look-ups of
// e2e/support/e2e-data.ts (never raw SQL).
Object.assign(process.env, e2eEnv);

/**
 * Chromium's headless shell (Debian: chromium-headless-shell), which npm test installs: the same engine
 * without the desktop browser around it, and a third cheaper per browser story. Else the desktop browser.
 */
function chromium(): string {
  const headlessShell = "/usr/bin/chromium-headless-shell";
  return fs.existsSync(headlessShell) ? headlessShell : "/usr/bin/chromium";
}

export default defineConfig({
  testDir: "e2e",
  // The scale-out tests need PostgreSQL and several instances: playwright.pg.config.ts runs them.
  // The screenshots for reviewers are taken by `npm run screenshots`, not by every test run.
  testIgnore: ["**/scale-out/**", ...(process.env.E2E_SCREENSHOTS ? [] : ["**/ui/screenshots.spec.ts"])],
  fullyParallel: true,
  workers: 2,
  // Generous: a loaded 2-core machine runs a browser story several times slower than an idle one.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // npm test gives each story one retry (E2E_RETRIES=1), so that a story failing once on a loaded shared
  // machine does not sink the run; its closing summary names every story that needed the retry.
  retries: Number(process.env.E2E_RETRIES ?? 0),
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  globalSetup: "./e2e/support/global-mail-sink.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    // No trace: recording one (even the DOM snapshots alone, without the screencast) costs a browser
    // story a third of its time on a 2-core machine. A failure keeps a screenshot; to see every step of
    // a failing test, run it again with --trace on.
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || chromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `http://localhost:${PORT}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: e2eEnv,
    stdout: "pipe",
  },
});
