// `npm run bench`: the cost of a token on the hot path, the server's CPU per request, the token table
// at a million tokens and the last-use writes of a deployment, on SQLite and on PostgreSQL.
//
//   npm run bench                      both databases (PostgreSQL when one answers at KEYPORT_TEST_PG_URL)
//   npm run bench -- --db sqlite       one of them
//   npm run bench -- --db postgres
//
// Builds if needed; then, for each database in a process of its own (the database client is one per
// process): a scratch database (bench/.data/ for SQLite, a throwaway keyport_bench_<random> database
// on PostgreSQL, dropped at the end), the seed, the production server (the HTTP front of `npm start`)
// and a benchmark-only server, load from a separate process (autocannon), and a report. It never fails
// on a number: the targets are stated beside each measured value. Results go to bench/results/.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/permissions";
import type { DatabaseKind } from "@/lib/db/database-url";
import type { LastUseWrites } from "./seed-bench";
import { measurePressure, pressureSection, type PressureReport } from "./pressure-bench";
import type { RevocationReport } from "./revocation";
import type { OneUserWriters } from "./one-user-writers";
import type { ScimThroughput } from "./scim-throughput";
import type { ExportDownload } from "./audit-export-bench";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results");
const NEXT_PORT = Number(process.env.BENCH_PORT || 3400);
const BASELINE_PORT = NEXT_PORT + 1;
const DURATION = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
/**
 * Calls per route for the CPU figures, in batches of CPU_BATCH taken in turn (bare, whoami, alerts,
 * tokens, bare, ...), so a neighbour's burst on a shared machine weighs on every route alike; each batch is
 * long enough that the 10 ms tick of the kernel's counters stays near 1 %.
 */
const CPU_CALLS = Number(process.env.BENCH_CPU_CALLS || 4_500);
const CPU_BATCH = 500;
const ROUNDS = 3;
const PASSWORD = "bench-password-1";
const SCALE = { users: 1_000, tokens: Number(process.env.BENCH_TOKENS || 1_000_000), keptValues: 1_000, heavyUserTokens: 100 };
/** How long the two-instance last-use run lasts: over a minute, so a token's second write is due within it. */
const DEPLOYMENT_SECONDS = Number(process.env.BENCH_DEPLOYMENT_SECONDS || 75);
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
/** Revokes timed on PostgreSQL, each refused on a second production instance. */
const REVOCATION_ROUNDS = Number(process.env.BENCH_REVOCATION_ROUNDS || 100);
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const LABEL: Record<DatabaseKind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

const log = (message: string) => console.log(`bench: ${message}`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const pass = (ok: boolean) => (ok ? "met" : "NOT MET");
const signed = (value: number) => `${value >= 0 ? "+" : ""}${value}`;

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function databaseKindOf(value: string): DatabaseKind {
  if (/^(sqlite|file)$/i.test(value)) return "sqlite";
  if (/^(postgres|postgresql|pg)$/i.test(value)) return "postgresql";
  throw new Error(`--db takes sqlite, postgres or both, not '${value}'.`);
}

// ---------------------------------------------------------------------------------------------------
// The whole run: build once, then one child process per database, then the two side by side.

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "generated-pg" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const sources = Math.max(...["app", "components", "lib"].map((dir) => newestMtime(path.join(ROOT, dir))));
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > sources) return log("the production build is up to date");
  log("building (next build)");
  execFileSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", cwd: ROOT });
}

async function runAll() {
  const { howToProvidePostgres, testServerUrl, redact } = await import("../scripts/db/test-postgres");
  const { unreachableReason } = await import("@/scripts/db/postgres-admin");
  const wanted = argument("db") ?? "both";
  let kinds: DatabaseKind[];
  if (wanted === "both") {
    const reason = await unreachableReason(testServerUrl());
    kinds = reason ? ["sqlite"] : ["sqlite", "postgresql"];
    if (reason) log(`PostgreSQL is left out. ${howToProvidePostgres(reason)}`);
  } else {
    kinds = [databaseKindOf(wanted)];
    if (kinds[0] === "postgresql") {
      const reason = await unreachableReason(testServerUrl());
      if (reason) throw new Error(howToProvidePostgres(reason));
    }
  }
  log(`databases: ${kinds.map((kind) => LABEL[kind]).join(" and ")}${kinds.includes("postgresql") ? ` (server ${redact(testServerUrl())})` : ""}`);
  buildIfNeeded();
  const started = Date.now();
  const reports: Partial<Record<DatabaseKind, Report>> = {};
  for (const kind of kinds) {
    execFileSync(process.execPath, [TSX, __filename, "--child", kind], { cwd: ROOT, stdio: "inherit" });
    reports[kind] = JSON.parse(fs.readFileSync(path.join(RESULTS, `${kind}.json`), "utf8")) as Report;
  }
  const combined = { when: new Date().toISOString(), totalSeconds: Math.round((Date.now() - started) / 1000), ...reports };
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(combined, null, 2) + "\n");
  printSideBySide(reports);
  console.log(`\nWritten to bench/results/latest.json (and ${kinds.map((kind) => `${kind}.json`).join(", ")}), ${combined.totalSeconds} s in all.`);
}

function printSideBySide(reports: Partial<Record<DatabaseKind, Report>>) {
  const kinds = (["sqlite", "postgresql"] as const).filter((kind) => reports[kind]);
  const cell = (kind: DatabaseKind, value: (report: Report) => string) => value(reports[kind]!).padStart(22);
  const row = (label: string, value: (report: Report) => string, target = "") => console.log(`  ${label.padEnd(52)}${kinds.map((kind) => cell(kind, value)).join("")}   ${target}`);
  console.log(`\nSummary (${reports[kinds[0]]!.when.slice(0, 16)} UTC, ${reports[kinds[0]]!.machine.cpus} CPUs, load average ${reports[kinds[0]]!.machine.loadAverageAtStart} at the start)`);
  console.log(`  ${"".padEnd(52)}${kinds.map((kind) => LABEL[kind].padStart(22)).join("")}   target`);
  row("server CPU per request: bare route (401)", (r) => `${r.serverCpu.bare.msPerRequest} ms`);
  row("server CPU per request: whoami with a token", (r) => `${r.serverCpu.whoami.msPerRequest} ms`);
  row("server CPU per request: alerts?limit=10", (r) => `${r.serverCpu.alerts.msPerRequest} ms`);
  row("server CPU per request: tokens?limit=10 (admin)", (r) => `${r.serverCpu.tokens.msPerRequest} ms`);
  row("  + database processes (PostgreSQL), alerts", (r) => (r.serverCpu.alerts.databaseMsPerRequest === undefined ? "in the server" : `${r.serverCpu.alerts.databaseMsPerRequest} ms`));
  row("guard: whoami over the bare route", (r) => `${signed(r.targets.guardOverBare.value)} %`, "<= 10 %");
  row("alerts?limit=10 over the bare route", (r) => `${r.targets.alertsOverBare.value}x`, "<= 2x");
  row("tokens?limit=10 over the bare route", (r) => `${r.targets.tokensOverBare.value}x`, "<= 1.5x");
  const tokens = `${SCALE.tokens.toLocaleString("en")} tokens`;
  row(`token page, first page at ${tokens} (median)`, (r) => `${r.targets.tokenFirstPageMs.value} ms`, "< 50 ms at 1,000,000");
  row("token page, slowest status filter (HTTP median)", (r) => `${r.targets.tokenSlowestFilterMs.value} ms`, "< 100 ms at 1,000,000");
  row("token page, slowest view of section 4 (HTTP median)", (r) => `${r.targets.tokenSlowestViewMs.value} ms`, "< 100 ms at 1,000,000");
  row("last-use writes per token per minute (2 instances)", (r) => `${r.targets.lastUseWritesPerTokenPerMinute.value}`, "<= 1");
  row("tokens written twice within a minute", (r) => `${r.lastUseWrites.tokensWrittenTwiceWithinAMinute}`, "0");
  row("guarded vs unguarded alerts, req/s (same process)", (r) => `${r.targets.authenticatedThroughputRatio.value} %`, ">= 85 %");
  row("  the same by server CPU per request", (r) => (r.targets.authenticatedCpuRatio ? `${r.targets.authenticatedCpuRatio.value} %` : "-"), ">= 85 %");
  row(`seeding ${tokens}`, (r) => `${r.seedSeconds} s`);
  row("alerts p50 quiet / during 240 x 1000-value leak reports", (r) => `${r.pressure.leakReports.quiet.p50Ms} / ${r.pressure.leakReports.underReports.p50Ms} ms`);
  row("small read, max during 4 x 10 MiB uploads (p99)", (r) => `${r.pressure.uploads.read.maxMs} ms (${r.pressure.uploads.read.p99Ms})`, "< 250 ms");
  row("small write, max during 4 x 10 MiB uploads (p99)", (r) => `${r.pressure.uploads.write.maxMs} ms (${r.pressure.uploads.write.p99Ms})`, "< 250 ms");
  row("SCIM req/s for one tenant with API traffic (p99)", (r) => `${r.scim.requestsPerSecond} (${r.scim.latencyMs.p99} ms)`, ">= 25, p99 < 200 ms");
  row("audit log page, slowest of four (HTTP median)", (r) => (r.auditLog ? `${r.targets.auditLogPageSlowestMedianMs.value} ms` : "-"), "< 150 ms");
  row("audit export of everything, CSV / JSONL (s)", (r) => (r.auditLog ? r.auditLog.exports.slice(1).map((download) => download.seconds).join(" / ") + " s" : "-"));
  row("audit export peak RSS growth, tenth / CSV / JSONL", (r) => (r.auditLog ? `+${r.auditLog.exports.map((download) => download.memory.growthMb).join(" / +")} MB` : "-"), "< 512 MB");
  row("  after a collection (last third's lowest)", (r) => (r.auditLog ? r.auditLog.exports.slice(1).map((download) => `${signed(download.memory.retainedMb)}`).join(" / ") + " MB" : "-"), "< 100 MB");
  row("one user, 50 writers: writes/s (failures)", (r) => `${r.oneUserWriters.writesPerSecond} (${Object.values(r.oneUserWriters.failures).reduce((sum, count) => sum + count, 0)})`, "0 failures");
}

// ---------------------------------------------------------------------------------------------------
// One database.

type LoadResult = {
  requestsPerSecond: number;
  total: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Section 2: the benchmark server's own CPU per request during the run (its /proc counters). */
  serverMsPerRequest?: number;
};
type CpuResult = { msPerRequest: number; requests: number; statuses: Record<string, number>; batches: number[]; overBare?: number; databaseMsPerRequest?: number };
/** queryMs: null over the statement timeout; undefined not measured alone (the API's rows). */
type PageTiming = { medianMs: number; p95Ms: number; queryMs: number | null | undefined };
type Target = { value: number; target: string; met: boolean };
type Report = {
  database: DatabaseKind;
  when: string;
  machine: { node: string; platform: string; cpus: number; loadAverageAtStart: string };
  settings: Record<string, number>;
  seedSeconds: number;
  serverCpu: { idleMsPerSecond: number; bare: CpuResult; whoami: CpuResult; alerts: CpuResult; tokens: CpuResult };
  runs: Record<string, unknown>;
  lastUseWrites: LastUseWrites & { perTokenPerMinute: number };
  pages: Record<string, PageTiming>;
  firstPagePlan: string;
  auditLog: AuditLogReport | null;
  pressure: PressureReport;
  /** 50 scripts of one user making and revoking tokens at once on the production server. */
  oneUserWriters: OneUserWriters;
  /** A provisioning client of one tenant, paced, while API traffic runs. */
  scim: ScimThroughput & { apiBeside: LoadResult };
  /** PostgreSQL only: revoke on one instance, refusal on another. */
  revocation: RevocationReport | null;
  targets: Record<string, Target>;
  totalSeconds: number;
};

const children: ChildProcess[] = [];
/** What each server printed, for the report when a run fails. */
const outputs = new Map<string, string[]>();

function start(name: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  outputs.set(name, output);
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.on("exit", (code) => {
    if (code && code !== 143 && code !== 0) console.error(`bench: ${name} exited with ${code}\n${output.join("").slice(-2000)}`);
  });
  children.push(child);
  return child;
}

type AuditLogReport = {
  entries: number;
  seedSeconds: number;
  queries: Record<string, { medianMs: number; rows: number }>;
  pages: Record<string, { medianMs: number; p95Ms: number }>;
  plans: Record<string, string[]>;
  exports: ExportDownload[];
};

async function waitFor(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers: { connection: "close" } });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

type LoadOptions = { durationSeconds?: number; amount?: number; connections?: number; overallRate?: number };

function loadInput(url: string, authorizations: string[], options: LoadOptions) {
  return JSON.stringify({ url, connections: options.connections ?? CONNECTIONS, durationSeconds: options.durationSeconds ?? DURATION, amount: options.amount, overallRate: options.overallRate, authorizations });
}

function load(url: string, authorizations: string[], options: LoadOptions = {}): LoadResult {
  const output = execFileSync(process.execPath, [TSX, path.join(ROOT, "bench", "load.ts"), loadInput(url, authorizations, options)], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString()) as LoadResult;
}

/** The same, without blocking: for load on two instances at once. */
function loadAsync(url: string, authorizations: string[], options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, path.join(ROOT, "bench", "load.ts"), loadInput(url, authorizations, options)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(Buffer.concat(output).toString()) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

// The server's own CPU counters: utime + stime of the process and any process it started, from
// /proc/<pid>/stat, in the kernel's clock ticks.
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields that follow start at field 3.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    const parent = Number(fields[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(parents.get(tree[index]) ?? []));
  return tree;
}

function cpuMs(pid: number): number {
  let ticks = 0;
  for (const one of processTree(pid)) {
    const fields = statFields(one);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

async function idleCpuRate(pid: number, seconds = 3): Promise<number> {
  const before = cpuMs(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return (cpuMs(pid) - before) / (performance.now() - started);
}

/**
 * On PostgreSQL the queries run in the database's own processes, which the server's counters do not
 * include: the backends connected to the scratch database (the server's pool) are read the same way.
 */
type DatabaseProcesses = { pids(): Promise<number[]>; close(): Promise<void> };

async function databaseProcesses(kind: DatabaseKind, url: string): Promise<DatabaseProcesses | null> {
  if (kind !== "postgresql") return null;
  const pg = (await import("pg")).default;
  const { pgPoolConfig } = await import("@/lib/db/postgres");
  const client = new pg.Client(pgPoolConfig(url));
  await client.connect();
  return {
    pids: async () => (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((row) => row.pid),
    close: () => client.end(),
  };
}

function cpuOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}

async function cpuPerRequest(pid: number, idlePerMs: number, database: DatabaseProcesses | null, url: string, authorizations: string[]) {
  const before = cpuMs(pid);
  const databaseBefore = database ? cpuOf(await database.pids()) : new Map<number, number>();
  const started = performance.now();
  const run = load(url, authorizations, { amount: CPU_BATCH, connections: 8 });
  const elapsed = performance.now() - started;
  const used = cpuMs(pid) - before - idlePerMs * elapsed;
  let databaseUsed = 0;
  if (database) {
    for (const [backend, ms] of cpuOf(await database.pids())) databaseUsed += ms - (databaseBefore.get(backend) ?? 0);
  }
  return { msPerRequest: used / run.total, databaseMsPerRequest: databaseUsed / run.total, requests: run.total, statuses: run.statuses };
}

async function signIn(base: string, email: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`, { headers: { connection: "close" } });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, connection: "close" },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.includes("session-token"));
  if (!session) throw new Error(`could not sign in as ${email}`);
  return session.split(";")[0];
}

/** The round with the median throughput: one slow round (a noisy neighbour) does not decide the figure. */
function median(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)];
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timePage(url: string, cookie: string, runs = 15, headers: Record<string, string> = {}) {
  const times: number[] = [];
  for (let index = 0; index < runs + 3; index++) {
    const started = performance.now();
    // A connection of its own: between two pages the harness may spend longer than the server's
    // keep-alive timeout on its own queries, and a reused socket the server just closed fails the fetch.
    const response = await fetch(url, { headers: { ...(cookie ? { cookie } : {}), ...headers, connection: "close" } });
    await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (index >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
}

/** The database's plan for the token table's first page, as the admin sees it: an index walk, or not. */
async function firstPagePlan(kind: DatabaseKind, tenantId: string): Promise<string> {
  const { db } = await import("@/lib/db/client");
  const page = `FROM "ApiToken" WHERE "tenantId" = $1 AND "kind" = 'API_TOKEN' AND "revokedAt" IS NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT 25 OFFSET 0`;
  if (kind === "postgresql") {
    const [{ "QUERY PLAN": plan }] = (await db.$queryRawUnsafe(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT "id", "name", "createdAt", "lastUsedAt" ${page}`, tenantId)) as { "QUERY PLAN": unknown }[];
    const root = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode; "Execution Time": number }[];
    const describe = (node: PlanNode): string => `${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}${node.Plans?.length ? ` > ${node.Plans.map(describe).join(", ")}` : ""}`;
    return `${describe(root[0].Plan)} (${round(root[0]["Execution Time"], 2)} ms)`;
  }
  const rows = (await db.$queryRawUnsafe(`EXPLAIN QUERY PLAN SELECT "id", "name", "createdAt", "lastUsedAt" ${page.replace("$1", "?")}`, tenantId)) as { detail: string }[];
  return rows.map((row) => row.detail).join("; ");
}
type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };

async function runOne(kind: DatabaseKind) {
  const started = Date.now();
  const os = await import("node:os");
  const loadAverageAtStart = os.loadavg().map((value) => value.toFixed(1)).join(" ");
  const dataDir = path.join(ROOT, "bench", ".data", kind);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  let databaseUrl = `file:${path.join(dataDir, "bench.db")}`;
  let dropDatabase = async () => {};
  if (kind === "postgresql") {
    const { testServerUrl } = await import("../scripts/db/test-postgres");
    const admin = await import("@/scripts/db/postgres-admin");
    databaseUrl = admin.urlWithDatabase(testServerUrl(), `keyport_bench_${randomBytes(5).toString("hex")}`);
    await admin.ensureDatabase(databaseUrl);
    dropDatabase = () => admin.dropDatabase(databaseUrl).catch((error: unknown) => console.error(`bench: could not drop the scratch database: ${(error as Error).message}`));
  }
  const stop = async () => {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await dropDatabase();
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  process.once("SIGTERM", () => void stop().finally(() => process.exit(143)));

  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    KEYPORT_DATA_DIR: dataDir,
    KEYPORT_DEMO_PASSWORD: PASSWORD,
    KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${NEXT_PORT}`,
    KEYPORT_PUBLIC_URL: `http://localhost:${NEXT_PORT}`,
    // Both instances sign and verify sessions alike, as every instance of a deployment must.
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    // The limiter still runs on every request (its cost is part of the guard), but never refuses one here.
    KEYPORT_API_RATE_LIMIT_PER_MINUTE: "1000000000",
    // The invalid-checksum run sends thousands of refused credentials from this one address: under the
    // default failure limit the address would stay blocked, and every later section (one user's writers,
    // SCIM) would measure nothing but 429s.
    KEYPORT_AUTH_FAILURES_PER_MINUTE: "1000000000",
  });

  try {
    execFileSync(process.execPath, [TSX, path.join(ROOT, "scripts", "prepare-db.ts")], { cwd: ROOT, stdio: "ignore" });
    log(`${LABEL[kind]}: seeding ${SCALE.tokens.toLocaleString("en")} tokens over ${SCALE.users.toLocaleString("en")} users`);
    const seedStarted = Date.now();
    const { seedBenchTenant, installLastUseWriteLog, lastUseWritesSince } = await import("./seed-bench");
    const { seedDemo } = await import("@/lib/seed/seed-demo");
    const { listApiTokens } = await import("@/lib/tokens/list-api-tokens");
    const { tokenTableQuerySchema } = await import("@/lib/tokens/schemas");
    const { db } = await import("@/lib/db/client");
    await seedDemo(PASSWORD);
    const seed = await seedBenchTenant({ ...SCALE, password: PASSWORD });
    const seedSeconds = round((Date.now() - seedStarted) / 1000);
    log(`${LABEL[kind]}: seeded in ${seedSeconds} s`);
    await installLastUseWriteLog();
    const runStarted = new Date();

    // The production server exactly as `npm start` runs it, in this process's child (not tsx's
    // grandchild), so its CPU counters are the server's.
    // BENCH_CPU_PROFILE=<folder>: the server also writes a V8 CPU profile there when it stops (open it in
    // Chrome's DevTools, Performance tab) to see where the figures below come from.
    const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : [];
    const next = start("next", [...profile, "--import", "tsx", path.join(ROOT, "scripts", "start.ts")], { PORT: String(NEXT_PORT) });
    const baselineServer = start("baseline", [TSX, path.join(ROOT, "bench", "baseline-server.ts")], { BENCH_TENANT_ID: seed.tenantId, BENCH_BASELINE_PORT: String(BASELINE_PORT) });
    const nextBase = `http://localhost:${NEXT_PORT}`;
    const baselineBase = `http://127.0.0.1:${BASELINE_PORT}`;
    await Promise.all([waitFor(`${nextBase}/signin`), waitFor(`${baselineBase}/stats`)]);

    // Separate tokens per use, so no run's last-use writes hide another's.
    const [mainToken, nextToken, warmToken, cpuToken, ...rotation] = seed.tokenValues;
    const invalid = rotation.map((value) => value.slice(0, -1) + (value.endsWith("A") ? "B" : "A"));
    const path10 = "/api/v1/alerts/?limit=10";

    // 1. Server CPU per request on the production server.
    log(`${LABEL[kind]}: server CPU per request, ${CPU_CALLS} calls per route in batches of ${CPU_BATCH}`);
    // The token list as a full admin's token sees it: every token of the tenant.
    const { generateToken: makeToken } = await import("@/lib/tokens/generate-token");
    const tenantAdmin = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.adminEmail } });
    const adminCpuToken = (await makeToken({ tenantId: seed.tenantId, userId: tenantAdmin.id, kind: "API_TOKEN", name: "bench CPU, token list" })).value;
    const routes = {
      bare: { url: `${nextBase}/api/v1/whoami/`, authorizations: [] as string[] },
      whoami: { url: `${nextBase}/api/v1/whoami/`, authorizations: [`Token ${cpuToken}`] },
      alerts: { url: `${nextBase}${path10}`, authorizations: [`Token ${cpuToken}`] },
      tokens: { url: `${nextBase}/api/v1/tokens/?limit=10`, authorizations: [`Token ${adminCpuToken}`] },
    };
    for (const route of Object.values(routes)) load(route.url, route.authorizations, { amount: 1_000, connections: 8 }); // JIT, caches
    const idlePerMs = await idleCpuRate(next.pid!);
    const database = await databaseProcesses(kind, databaseUrl);
    const batches: Record<keyof typeof routes, Awaited<ReturnType<typeof cpuPerRequest>>[]> = { bare: [], whoami: [], alerts: [], tokens: [] };
    for (let index = 0; index < Math.ceil(CPU_CALLS / CPU_BATCH); index++) {
      for (const [name, route] of Object.entries(routes) as [keyof typeof routes, (typeof routes)["bare"]][]) batches[name].push(await cpuPerRequest(next.pid!, idlePerMs, database, route.url, route.authorizations));
    }
    await database?.close();
    // Each route's figure is the median batch; its ratio to the bare route is the median of the ratios
    // batch by batch (the bare batch just before), which cancels most of the machine's drift.
    const cpu = (name: keyof typeof routes): CpuResult => {
      const runs = batches[name];
      const statuses: Record<string, number> = {};
      for (const run of runs) for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
      return {
        msPerRequest: round(medianOf(runs.map((run) => run.msPerRequest)), 3),
        requests: runs.reduce((sum, run) => sum + run.requests, 0),
        statuses,
        batches: runs.map((run) => round(run.msPerRequest, 3)),
        overBare: round(medianOf(runs.map((run, index) => run.msPerRequest / batches.bare[index].msPerRequest)), 3),
        ...(kind === "postgresql" ? { databaseMsPerRequest: round(medianOf(runs.map((run) => run.databaseMsPerRequest)), 3) } : {}),
      };
    };
    const serverCpu = { idleMsPerSecond: round(idlePerMs * 1000, 2), bare: cpu("bare"), whoami: cpu("whoami"), alerts: cpu("alerts"), tokens: cpu("tokens") };

    // 2. Throughput with and without the guard, in one process (the benchmark-only server).
    log(`${LABEL[kind]}: load, ${CONNECTIONS} connections, ${DURATION} s per run`);
    load(`${baselineBase}/no-auth/alerts/?limit=10`, [], { durationSeconds: 5 });
    load(`${baselineBase}${path10}`, [`Token ${warmToken}`], { durationSeconds: 5 });
    // Requests a second count the load generator's work too, which shares this machine's cores with the
    // server: a handler that answers in batches (the guarded one waits a turn of the event loop for its
    // rate-limit count) wakes the generator less often per request and may serve more a second while
    // spending more CPU on each. The server's own CPU per request is the guard's cost; both are reported.
    const withServerCpu = (run: () => LoadResult): LoadResult => {
      const before = cpuMs(baselineServer.pid!);
      const result = run();
      return { ...result, serverMsPerRequest: round((cpuMs(baselineServer.pid!) - before) / Math.max(1, result.total), 4) };
    };
    const baselineRounds: LoadResult[] = [];
    const authenticatedRounds: LoadResult[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      baselineRounds.push(withServerCpu(() => load(`${baselineBase}/no-auth/alerts/?limit=10`, [])));
      authenticatedRounds.push(withServerCpu(() => load(`${baselineBase}${path10}`, [`Token ${mainToken}`])));
    }
    const baseline = median(baselineRounds);
    const authenticated = median(authenticatedRounds);
    // The guard's CPU per request in this process: the median of the round-by-round ratios (unguarded ÷ guarded).
    const cpuRatio = medianOf(baselineRounds.map((run, index) => run.serverMsPerRequest! / authenticatedRounds[index].serverMsPerRequest!));
    const rotated = load(`${baselineBase}${path10}`, rotation.map((value) => `Token ${value}`));
    const invalidRun = load(`${baselineBase}${path10}`, invalid.map((value) => `Token ${value}`));
    load(`${nextBase}${path10}`, [`Token ${nextToken}`], { durationSeconds: 2 });
    const deployed = load(`${nextBase}${path10}`, [`Token ${nextToken}`]);

    // 3. Last use for the deployment: the same tokens on both instances at once, for over a minute.
    log(`${LABEL[kind]}: last use on two instances, ${rotation.length} tokens, ${DEPLOYMENT_SECONDS} s`);
    const authorizations = rotation.map((value) => `Token ${value}`);
    const [onBaseline, onNext] = await Promise.all([
      loadAsync(`${baselineBase}${path10}`, authorizations, { durationSeconds: DEPLOYMENT_SECONDS, connections: 4, overallRate: 100 }),
      loadAsync(`${nextBase}${path10}`, [...authorizations].reverse(), { durationSeconds: DEPLOYMENT_SECONDS, connections: 4, overallRate: 100 }),
    ]);
    const writes = await lastUseWritesSince(runStarted);
    const writesPerTokenPerMinute = writes.tokens ? writes.writes / writes.tokens / Math.max(1, writes.minutes) : 0;

    // 3b. Revoke-to-refusal on the other instance: a second production instance takes the calls.
    let revocation: RevocationReport | null = null;
    if (kind === "postgresql") {
      log(`${LABEL[kind]}: revoke on one instance, refusal on another, ${REVOCATION_ROUNDS} rounds`);
      const otherPort = NEXT_PORT + 2;
      const other = start("next-2", ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], { PORT: String(otherPort) });
      await waitFor(`http://localhost:${otherPort}/signin`);
      const { generateToken } = await import("@/lib/tokens/generate-token");
      const { measureRevocation } = await import("./revocation");
      const revoker = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.adminEmail } });
      const newToken = async (name: string) => {
        const made = await generateToken({ tenantId: seed.tenantId, userId: revoker.id, kind: "API_TOKEN", name });
        return { id: made.id, value: made.value };
      };
      const adminToken = (await newToken("bench revoker")).value;
      // Both instances are asked as the deployment's public URL.
      revocation = await measureRevocation({
        revoker: { port: NEXT_PORT, host: `localhost:${NEXT_PORT}` },
        other: { port: otherPort, host: `localhost:${NEXT_PORT}` },
        adminToken,
        newToken: () => newToken("bench revoked"),
        rounds: REVOCATION_ROUNDS,
      });
      other.kill("SIGTERM");
    }

    // 4. The token table at a million tokens.
    log(`${LABEL[kind]}: timing the API tokens page`);
    const adminCookie = await signIn(nextBase, seed.adminEmail);
    const heavyCookie = await signIn(nextBase, seed.heavyUserEmail);
    const admin = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.adminEmail } });
    const heavy = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.heavyUserEmail } });
    const actorOf = (user: typeof admin) => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role: user.role as Role });
    // A query slower than the server's statement timeout is reported as such (a slow machine meets it on
    // the sorts that have no index), not allowed to end the run.
    const { isDatabaseUnavailable } = await import("@/lib/db/unavailable");
    const timeQuery = async (viewer: typeof admin, query: Record<string, string>, runs: number): Promise<number | null> => {
      const parsed = tokenTableQuerySchema.parse(query);
      try {
        await listApiTokens(actorOf(viewer), parsed);
        const queryStarted = performance.now();
        for (let index = 0; index < runs; index++) await listApiTokens(actorOf(viewer), parsed);
        return round((performance.now() - queryStarted) / runs);
      } catch (error) {
        if (isDatabaseUnavailable(error)) return null;
        throw error;
      }
    };
    // Every view the table offers as the admin sees it (each sort both ways, each status, a name search,
    // the deepest page paging can reach), the user with 100 tokens, and the tokens API's first and last
    // pages. Each: over HTTP (median / p95) and the list's database work alone.
    const { total: tableTotal, pageCount: deepest } = await listApiTokens(actorOf(admin), tokenTableQuerySchema.parse({}));
    const views: [string, string, typeof admin, Record<string, string>][] = [
      ["admin, All (the first page)", adminCookie, admin, {}],
      ...(["createdAt", "name", "generatedBy", "lastUsedAt"] as const).flatMap((sort) =>
        (["asc", "desc"] as const).map((dir): [string, string, typeof admin, Record<string, string>] => [`admin, sorted by ${sort} ${dir}`, adminCookie, admin, { sort, dir }]),
      ),
      ...(["Generated", "Active", "Inactive", "Expired"] as const).map((status): [string, string, typeof admin, Record<string, string>] => [`admin, ${status}`, adminCookie, admin, { status }]),
      ["admin, search 'Token 4242'", adminCookie, admin, { q: "Token 4242" }],
      ["admin, search 'en 99' (trigrams, many matches)", adminCookie, admin, { q: "en 99" }],
      ["admin, search 'To' (under 3 characters)", adminCookie, admin, { q: "To" }],
      [`admin, deepest page (${deepest})`, adminCookie, admin, { page: String(deepest) }],
      [`admin, deepest page by last use asc`, adminCookie, admin, { page: String(deepest), sort: "lastUsedAt", dir: "asc" }],
      [`admin, middle page (${Math.ceil(deepest / 2)})`, adminCookie, admin, { page: String(Math.ceil(deepest / 2)) }],
      ["user with 100 tokens, All", heavyCookie, heavy, {}],
      ["user with 100 tokens, sorted by name", heavyCookie, heavy, { sort: "name", dir: "asc" }],
    ];
    const pages: Record<string, PageTiming> = {};
    for (const [label, cookie, viewer, query] of views) {
      const timing = await timePage(`${nextBase}/settings/api-tokens?${new URLSearchParams(query)}`, cookie);
      pages[label] = { ...timing, queryMs: await timeQuery(viewer, query, 5) };
      log(`${LABEL[kind]}: ${label}: ${timing.medianMs} ms`);
    }
    const apiToken = (await makeToken({ tenantId: seed.tenantId, userId: admin.id, kind: "API_TOKEN", name: "bench token lister" })).value;
    // The token just made is one more in the API's list.
    const apiTotal = tableTotal + 1;
    for (const [label, query] of [
      ["API GET /api/v1/tokens/?limit=25", "limit=25"],
      ["API, last page (skip near the end)", `limit=25&skip=${Math.max(0, apiTotal - 25)}`],
      ["API, sorted by lastUsedAt asc", "limit=25&sortField=lastUsedAt&sortDirection=asc"],
      ["API, status=expired", "limit=25&status=expired"],
    ] as const) {
      pages[label] = { ...(await timePage(`${nextBase}/api/v1/tokens/?${query}`, "", 15, { authorization: `Token ${apiToken}` })), queryMs: undefined };
    }
    const plan = await firstPagePlan(kind, seed.tenantId);

    // 5. The audit log at 1 000 000 entries (SQLite: the bulk load writes the database file directly;
    // PostgreSQL: generated in the database, then VACUUM ANALYZE), its page, and its export downloaded
    // whole while the server's memory is watched.
    let auditLog: AuditLogReport | null = null;
    {
      const { AUDIT_SCALE, seedAuditLog, timeAuditQueries } = await import("./audit-log-bench");
      const { downloadExport } = await import("./audit-export-bench");
      log(`${LABEL[kind]}: seeding ${AUDIT_SCALE.entries.toLocaleString("en")} audit log entries`);
      const benchUsers = await db.user.findMany({ where: { tenantId: seed.tenantId }, select: { id: true } });
      const auditSeed = await seedAuditLog(seed.tenantId, benchUsers.map((user) => user.id));
      log(`${LABEL[kind]}: seeded the audit log in ${auditSeed.seconds} s; timing its page`);
      const auditQueries = await timeAuditQueries(seed.tenantId, auditSeed);
      const auditPages: Record<string, { medianMs: number; p95Ms: number }> = {};
      for (const [label, query] of [
        ["first page", ""],
        ["activity: token.revoked", "?action=token.revoked"],
        ["target: one token by name", `?target=${encodeURIComponent(auditSeed.targetName)}`],
        ["page 10 000 (cursor)", `?before=${auditQueries.deepCursor}`],
      ] as const) {
        auditPages[label] = await timePage(`${nextBase}/settings/audit-log${query}`, adminCookie);
      }
      // The export at two sizes (the last tenth of the year, then everything): memory that does not
      // depend on the size grows by about as much for both.
      const tenthFrom = new Date(Date.now() - 36 * 24 * 3600_000).toISOString().slice(0, 10);
      const tenthCount = await db.auditEvent.count({ where: { tenantId: seed.tenantId, createdAt: { gte: new Date(`${tenthFrom}T00:00:00Z`) } } });
      const allCount = await db.auditEvent.count({ where: { tenantId: seed.tenantId } });
      const exports: ExportDownload[] = [];
      for (const [label, query, entries] of [
        [`CSV, from ${tenthFrom}`, `format=csv&from=${tenthFrom}`, tenthCount],
        ["CSV, everything", "format=csv", allCount],
        ["JSON Lines, everything", "format=jsonl", allCount],
      ] as const) {
        log(`${LABEL[kind]}: downloading the audit log export, ${label} (${entries.toLocaleString("en")} entries)`);
        exports.push(await downloadExport(label, `${nextBase}/api/audit-log/export?${query}`, adminCookie, next.pid!, entries));
      }
      auditLog = { entries: AUDIT_SCALE.entries, seedSeconds: auditSeed.seconds, queries: auditQueries.timings, pages: auditPages, plans: auditQueries.plans, exports };
    }

    // 6. What leak reports and large uploads cost everyone else, on a production server of its own that
    // believes this machine's X-Forwarded-For (the reports come from 8 addresses), with default limits.
    log(`${LABEL[kind]}: alerts while leak reports run; small reads and writes while 4 x 10 MiB uploads run`);
    const pressure = await pressureOn(seed.tenantId, admin.id);

    // 7. One user's scripts writing at once: every write must succeed, and the figure is the throughput.
    log(`${LABEL[kind]}: 50 scripts of one user making and revoking tokens at once`);
    const { oneUserWriters: measureWriters } = await import("./one-user-writers");
    const { generateToken } = await import("@/lib/tokens/generate-token");
    const writerTokens: string[] = [];
    for (let index = 0; index < 50; index++) {
      writerTokens.push((await generateToken({ tenantId: seed.tenantId, userId: admin.id, kind: "API_TOKEN", name: `bench writer ${index}`, chosenScopes: ["Settings.manage"] })).value);
    }
    const oneUserWriters = await measureWriters(nextBase, writerTokens, 4);

    // 8. SCIM for one tenant, paced as Entra ID sends it, while API traffic runs beside it.
    log(`${LABEL[kind]}: SCIM provisioning at 30 requests a second for 30 s while the API serves alerts`);
    const { measureScimThroughput } = await import("./scim-throughput");
    const { generateScimSecret } = await import("@/lib/scim/secret-token");
    const scimSecret = await generateScimSecret({ tenantId: seed.tenantId, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" });
    const apiBesideScim = loadAsync(`${nextBase}${path10}`, [`Token ${mainToken}`], { durationSeconds: 30, connections: 4 });
    const scimRun = await measureScimThroughput(nextBase, scimSecret.value, { seconds: 30, rate: 30 });
    const scim = { ...scimRun, apiBeside: await apiBesideScim };

    const ratio = authenticated.requestsPerSecond / baseline.requestsPerSecond;
    const addedP99 = authenticated.latencyMs.p99 - baseline.latencyMs.p99;
    const guard = serverCpu.whoami.overBare! - 1;
    const alertsOverBare = serverCpu.alerts.overBare!;
    const tokensOverBare = serverCpu.tokens.overBare!;
    const firstPage = pages["admin, All (the first page)"].medianMs;
    const slowestFilter = Math.max(...["admin, Generated", "admin, Active", "admin, Inactive", "admin, Expired"].map((label) => pages[label].medianMs));
    const slowestView = Math.max(...Object.values(pages).map((page) => page.medianMs));

    const report: Report = {
      database: kind,
      when: new Date().toISOString(),
      machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: os.cpus().length, loadAverageAtStart },
      settings: { connections: CONNECTIONS, durationSeconds: DURATION, cpuCallsPerRoute: CPU_CALLS, deploymentSeconds: DEPLOYMENT_SECONDS, ...SCALE },
      seedSeconds,
      serverCpu,
      runs: { baselineRounds, authenticatedRounds, baseline, authenticated, rotated, invalidChecksum: invalidRun, deployedNextServer: deployed, deploymentLastUse: { onBaseline, onNext } },
      lastUseWrites: { ...writes, perTokenPerMinute: round(writesPerTokenPerMinute, 2) },
      pages,
      firstPagePlan: plan,
      auditLog,
      pressure,
      oneUserWriters,
      scim,
      revocation,
      targets: {
        guardOverBare: { value: round(guard * 100), target: "<= 10 %", met: guard <= 0.1 },
        alertsOverBare: { value: round(alertsOverBare, 2), target: "<= 2x", met: alertsOverBare <= 2 },
        tokensOverBare: { value: round(tokensOverBare, 2), target: "<= 1.5x", met: tokensOverBare <= 1.5 },
        // The target is set at a million tokens: fewer prove nothing about it.
        tokenFirstPageMs: { value: firstPage, target: "< 50 ms at 1,000,000 tokens", met: firstPage < 50 && SCALE.tokens >= 1_000_000 },
        tokenSlowestFilterMs: { value: slowestFilter, target: "< 100 ms at 1,000,000 tokens", met: slowestFilter < 100 && SCALE.tokens >= 1_000_000 },
        tokenSlowestViewMs: { value: slowestView, target: "< 100 ms at 1,000,000 tokens", met: slowestView < 100 && SCALE.tokens >= 1_000_000 },
        lastUseWritesPerTokenPerMinute: { value: round(writesPerTokenPerMinute, 2), target: "<= 1", met: writesPerTokenPerMinute <= 1 && writes.tokensWrittenTwiceWithinAMinute === 0 },
        authenticatedThroughputRatio: { value: round(ratio * 100), target: ">= 85 %", met: ratio >= 0.85 },
        // The same comparison by the server's own CPU: what an unguarded request costs, as a share of a guarded one.
        authenticatedCpuRatio: { value: round(cpuRatio * 100), target: ">= 85 %", met: cpuRatio >= 0.85 },
        addedP99LatencyMs: { value: round(addedP99, 2), target: "< 2 ms", met: addedP99 < 2 },
        invalidChecksumVsBaseline: { value: round((invalidRun.requestsPerSecond / baseline.requestsPerSecond) * 100), target: ">= 100 % of baseline", met: invalidRun.requestsPerSecond >= baseline.requestsPerSecond },
        scimRequestsPerSecond: { value: scim.requestsPerSecond, target: ">= 25 req/s, p99 < 200 ms, with API traffic", met: scim.requestsPerSecond >= 25 && scim.latencyMs.p99 < 200 && Object.keys(scim.statuses).every((status) => Number(status) >= 200 && Number(status) < 400) },
        ...(revocation ? { acceptedAfterRevokeAnswered: { value: revocation.acceptedAfterAnswer, target: "0", met: revocation.acceptedAfterAnswer === 0 } } : {}),
        ...(auditLog
          ? {
              auditLogPageSlowestMedianMs: (() => { const value = Math.max(...Object.values(auditLog.pages).map((page) => page.medianMs)); return { value, target: "< 150 ms", met: value < 150 }; })(),
              // Memory bounded whatever the log's size: the server's peak RSS while it streams stays under
              // 512 MB over its RSS before (V8 lets the heap climb that far before it collects: a sawtooth,
              // at any size), after a collection it is back within 100 MB of where it started (the lowest
              // RSS of a full download's last third), and every download is whole.
              auditExportPeakRssGrowthMb: (() => {
                const value = Math.max(...auditLog.exports.map((download) => download.memory.growthMb));
                const retained = Math.max(...auditLog.exports.slice(1).map((download) => download.memory.retainedMb));
                const complete = auditLog.exports.every((download) => download.status === 200 && download.rows === download.entries);
                return { value, target: "< 512 MB peak growth; < 100 MB after a collection; every row", met: value < 512 && retained < 100 && complete };
              })(),
            }
          : {}),
      },
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, `${kind}.json`), JSON.stringify(report, null, 2) + "\n");
    printOne(report);
  } catch (error) {
    for (const [name, output] of outputs) console.error(`bench: the last of what ${name} printed:\n${output.join("").slice(-3000)}`);
    throw error;
  } finally {
    await stop();
  }
}

/** Section 6 on a production server of its own, stopped afterwards. */
async function pressureOn(tenantId: string, adminId: string): Promise<PressureReport> {
  const { generateToken } = await import("@/lib/tokens/generate-token");
  const { db } = await import("@/lib/db/client");
  const token = await generateToken({ tenantId, userId: adminId, kind: "API_TOKEN", name: "bench pressure" });
  const alert = await db.alert.findFirstOrThrow({ where: { tenantId }, select: { id: true } });
  const port = BASELINE_PORT + 1;
  const server = start("pressure", ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], { PORT: String(port), KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  try {
    await waitFor(`http://localhost:${port}/signin`);
    return await measurePressure(`http://localhost:${port}`, token.value, alert.id);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  }
}

function printOne(report: Report) {
  const { serverCpu, runs, lastUseWrites, pages, targets } = report;
  const line = (label: string, run: LoadResult) =>
    `  ${label.padEnd(44)} ${round(run.requestsPerSecond, 0).toString().padStart(8)} req/s   p50 ${String(run.latencyMs.p50).padStart(5)} ms   p99 ${String(run.latencyMs.p99).padStart(5)} ms   ${run.serverMsPerRequest === undefined ? "" : `server CPU ${run.serverMsPerRequest.toFixed(3)} ms/req   `}${JSON.stringify(run.statuses)}`;
  const cpuLine = (label: string, result: CpuResult) =>
    `  ${label.padEnd(44)} ${result.msPerRequest.toFixed(3).padStart(7)} ms   ${result.overBare!.toFixed(2)}x the bare route${result.databaseMsPerRequest === undefined ? "" : `   + PostgreSQL ${result.databaseMsPerRequest.toFixed(3)} ms`}   (batches ${Math.min(...result.batches)}–${Math.max(...result.batches)} ms; ${result.requests} calls ${JSON.stringify(result.statuses)})`;
  const baselineRounds = runs.baselineRounds as LoadResult[];
  const authenticatedRounds = runs.authenticatedRounds as LoadResult[];
  const deployment = runs.deploymentLastUse as { onBaseline: LoadResult; onNext: LoadResult };
  console.log(`
Keyport benchmark on ${LABEL[report.database]} — ${report.when} — ${report.machine.cpus} CPUs, load average at the start ${report.machine.loadAverageAtStart}
${report.settings.tokens.toLocaleString("en")} tokens / ${report.settings.users.toLocaleString("en")} users, seeded in ${report.seedSeconds} s

1. Server CPU per request (the production server's own counters; ${report.settings.cpuCallsPerRoute} calls per route in batches of ${CPU_BATCH} taken in turn,
   median batch, ratio = median of the batch-by-batch ratios; idle ${serverCpu.idleMsPerSecond} ms/s subtracted)
${cpuLine("GET /api/v1/whoami/, no credential (401)", serverCpu.bare)}
${cpuLine("GET /api/v1/whoami/ with a token", serverCpu.whoami)}
${cpuLine("GET /api/v1/alerts/?limit=10 with a token", serverCpu.alerts)}
${cpuLine("GET /api/v1/tokens/?limit=10, a full admin's token", serverCpu.tokens)}
2. GET /api/v1/alerts/?limit=10 (same handler, same process: the difference is the API guard)
${baselineRounds.map((run, index) => `${line(`no authentication (baseline), round ${index + 1}`, run)}\n${line(`valid token, round ${index + 1}`, authenticatedRounds[index])}`).join("\n")}
${line("1 000 distinct tokens in rotation", runs.rotated as LoadResult)}
${line("invalid checksums (refused before the database)", runs.invalidChecksum as LoadResult)}
${line("valid token, production server", runs.deployedNextServer as LoadResult)}
3. Last use on two instances (the benchmark server and the production server, the same ${report.settings.keptValues - 4} tokens, ${report.settings.deploymentSeconds} s)
${line("instance 1", deployment.onBaseline)}
${line("instance 2", deployment.onNext)}
   written to the database over the whole run (a trigger logs each write): ${lastUseWrites.writes} writes for ${lastUseWrites.tokens} tokens over ${lastUseWrites.minutes} started minute(s)
   = ${lastUseWrites.perTokenPerMinute} per token per minute; closest two writes of one token: ${lastUseWrites.closestGapSeconds ?? "-"} s; tokens written twice within a minute: ${lastUseWrites.tokensWrittenTwiceWithinAMinute}
4. API tokens page at ${report.settings.tokens.toLocaleString("en")} tokens, every sort, filter, search and the deepest page (over HTTP: median / p95; the list's database work alone; target < 100 ms, counted only at 1,000,000 tokens)
${Object.entries(pages)
  .map(
    ([label, page]) =>
      `  ${label.padEnd(44)} ${String(page.medianMs).padStart(7)} ms / ${String(page.p95Ms).padStart(7)} ms    ${page.queryMs === undefined ? "".padEnd(16) : `query ${page.queryMs === null ? "over the statement timeout" : `${page.queryMs} ms`}`.padEnd(16)}   < 100 ms ${pass(page.medianMs < 100 && report.settings.tokens >= 1_000_000)}`,
  )
  .join("\n")}
   the first page's plan: ${report.firstPagePlan}
${report.auditLog ? auditLogSection(report.auditLog) : ""}${report.revocation ? revocationSection(report.revocation) : ""}
${pressureSection(report.pressure, 6)}
7. 50 scripts of one user making and revoking tokens at once (4 rounds each, production server)
   ${report.oneUserWriters.writes} writes in ${report.oneUserWriters.seconds} s = ${report.oneUserWriters.writesPerSecond} writes/s; p50 ${report.oneUserWriters.latencyMs.p50} ms, p99 ${report.oneUserWriters.latencyMs.p99} ms, max ${report.oneUserWriters.latencyMs.max} ms; failures ${JSON.stringify(report.oneUserWriters.failures)} (target none)
8. SCIM provisioning of one tenant (Entra ID's cycle per person: probe, create, PATCH, read, deactivate), paced at ${report.scim.targetRate} req/s for ${report.scim.seconds} s
   ${report.scim.requests} requests = ${report.scim.requestsPerSecond} req/s; p50 ${report.scim.latencyMs.p50} ms, p99 ${report.scim.latencyMs.p99} ms, max ${report.scim.latencyMs.max} ms; ${JSON.stringify(report.scim.statuses)}
   the API beside it: ${round(report.scim.apiBeside.requestsPerSecond, 0)} req/s, p99 ${report.scim.apiBeside.latencyMs.p99} ms
Targets
  SCIM requests a second with API traffic          ${targets.scimRequestsPerSecond.value} req/s, p99 ${report.scim.latencyMs.p99} ms   (>= 25, p99 < 200 ms)   ${pass(targets.scimRequestsPerSecond.met)}
  guard: whoami with a token over the bare route   ${signed(targets.guardOverBare.value)} %   (<= 10 %)   ${pass(targets.guardOverBare.met)}
  alerts?limit=10 over the bare route              ${targets.alertsOverBare.value}x   (<= 2x)   ${pass(targets.alertsOverBare.met)}
  tokens?limit=10 over the bare route              ${targets.tokensOverBare.value}x   (<= 1.5x)   ${pass(targets.tokensOverBare.met)}
  token page, first page                           ${targets.tokenFirstPageMs.value} ms   (${targets.tokenFirstPageMs.target})   ${pass(targets.tokenFirstPageMs.met)}
  token page, slowest view (sort, filter, search, deepest page)   ${targets.tokenSlowestViewMs.value} ms   (${targets.tokenSlowestViewMs.target})   ${pass(targets.tokenSlowestViewMs.met)}
  last-use writes per token per minute             ${targets.lastUseWritesPerTokenPerMinute.value}, ${lastUseWrites.tokensWrittenTwiceWithinAMinute} twice within a minute   (<= 1)   ${pass(targets.lastUseWritesPerTokenPerMinute.met)}
  authenticated throughput vs baseline             ${targets.authenticatedThroughputRatio.value} %   (>= 85 %)   ${pass(targets.authenticatedThroughputRatio.met)}
  the same by server CPU per request               ${targets.authenticatedCpuRatio.value} %   (>= 85 %)   ${pass(targets.authenticatedCpuRatio.met)}
  p99 latency added by the guard                   ${targets.addedP99LatencyMs.value} ms   (< 2 ms)   ${pass(targets.addedP99LatencyMs.met)}
  invalid-checksum throughput vs baseline          ${targets.invalidChecksumVsBaseline.value} %   (>= 100 %)   ${pass(targets.invalidChecksumVsBaseline.met)}${
    targets.auditLogPageSlowestMedianMs ? `\n  audit log page, slowest median                   ${targets.auditLogPageSlowestMedianMs.value} ms   (< 150 ms)   ${pass(targets.auditLogPageSlowestMedianMs.met)}` : ""
  }${
    targets.auditExportPeakRssGrowthMb ? `\n  audit log export, server's peak RSS growth       +${targets.auditExportPeakRssGrowthMb.value} MB   (< 512 MB; < 100 MB after a collection; every row)   ${pass(targets.auditExportPeakRssGrowthMb.met)}` : ""
  }
(${report.totalSeconds} s)`);
}

function revocationSection(revocation: RevocationReport): string {
  return `Revoke on one instance, refusal on the other (${revocation.rounds} rounds, the token cached on the other right before)
   the revoke answered after: p50 ${revocation.revokeAnswerMs.p50} ms, p99 ${revocation.revokeAnswerMs.p99} ms
   the other instance refused it from (since the revoke was sent): p50 ${revocation.refusalOnOtherMs.p50} ms, p99 ${revocation.refusalOnOtherMs.p99} ms
   calls it accepted after the revoke answered: ${revocation.acceptedAfterAnswer} (target 0)
`;
}

function auditLogSection(audit: AuditLogReport): string {
  return `5. Audit log at ${audit.entries.toLocaleString("en")} entries (seeded in ${audit.seedSeconds} s): 50 entries a page, from a cursor
${Object.entries(audit.queries)
  .map(([label, timing]) => `  query  ${label.padEnd(40)} ${String(timing.medianMs).padStart(7)} ms   (${timing.rows} rows)`)
  .join("\n")}
${Object.entries(audit.pages)
  .map(([label, page]) => `  page   ${label.padEnd(40)} ${String(page.medianMs).padStart(7)} ms / ${String(page.p95Ms).padStart(7)} ms (median / p95)`)
  .join("\n")}
   plans: ${Object.entries(audit.plans)
     .map(([label, plan]) => `${label}: ${plan.join("; ")}`)
     .join(" | ")}
   the export over HTTP (GET /api/audit-log/export, gzip accepted, read as it arrives); the server's RSS: before, peak (the kernel's
   VmHWM after a reset, and VmRSS sampled every 100 ms), peak growth, and the lowest RSS of the download's last third (after a collection)
${audit.exports
  .map(
    (download) =>
      `  export ${download.label.padEnd(28)} ${download.rows.toLocaleString("en").padStart(9)} of ${download.entries.toLocaleString("en")} rows  ${String(download.seconds).padStart(6)} s (first byte ${download.firstByteSeconds} s)  ${download.rowsPerSecond.toLocaleString("en")} rows/s  ${(download.bytes / 1024 / 1024).toFixed(1)} MB (${(download.wireBytes / 1024 / 1024).toFixed(1)} MB sent, ${download.contentEncoding})  ` +
      `RSS ${download.memory.rssBeforeMb} MB -> peak ${download.memory.kernelPeakRssMb ?? "-"} MB (sampled ${download.memory.sampledPeakRssMb} MB): +${download.memory.growthMb} MB; last third's lowest ${download.memory.lastThirdLowestMb} MB (${signed(download.memory.retainedMb)})${download.status === 200 ? "" : `  HTTP ${download.status}`}`,
  )
  .join("\n")}
`;
}

const child = argument("child");
(child ? runOne(databaseKindOf(child)) : runAll())
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
