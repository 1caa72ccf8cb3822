// `npm run bench`: the cost of a token on the hot path, and the token table at 100 000 tokens.
// Builds if needed, seeds a scratch database, starts the production server and a baseline server,
// drives load from a separate process (autocannon), and prints a report. It never fails on a number:
// the targets are stated beside each measured value. Results also go to bench/results/latest.json.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/permissions";

const ROOT = path.resolve(__dirname, "..");
const DATA = path.join(ROOT, "bench", ".data");
const RESULTS = path.join(ROOT, "bench", "results");
const NEXT_PORT = Number(process.env.BENCH_PORT || 3400);
const BASELINE_PORT = NEXT_PORT + 1;
const DURATION = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const ROUNDS = 3;
const PASSWORD = "bench-password-1";
const SCALE = { users: 1_000, tokens: 100_000, keptValues: 1_000, heavyUserTokens: 100 };

Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(DATA, "bench.db")}`,
  KEYPORT_DATA_DIR: DATA,
  KEYPORT_DEMO_PASSWORD: PASSWORD,
  KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${NEXT_PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // The limiter still runs on every request (its cost is part of the guard), but never refuses one here.
  KEYPORT_API_RATE_LIMIT_PER_MINUTE: "1000000000",
});

const children: ChildProcess[] = [];
const log = (message: string) => console.log(`bench: ${message}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
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
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], { stdio: "inherit", cwd: ROOT });
}

function start(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.on("exit", (code) => {
    if (code && code !== 143 && code !== 0) console.error(`bench: ${name} exited with ${code}\n${output.join("").slice(-2000)}`);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000) {
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

type LoadResult = { requestsPerSecond: number; total: number; latencyMs: { p50: number; p90: number; p99: number; mean: number }; statuses: Record<string, number>; errors: number; timeouts: number };

function load(url: string, authorizations: string[], durationSeconds = DURATION): LoadResult {
  const input = JSON.stringify({ url, connections: CONNECTIONS, durationSeconds, authorizations });
  const output = execFileSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "bench", "load.ts"), input], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString()) as LoadResult;
}

async function signIn(base: string, email: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
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

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timePage(url: string, cookie: string, runs = 15) {
  const times: number[] = [];
  for (let index = 0; index < runs + 3; index++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (index >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const pass = (ok: boolean) => (ok ? "met" : "NOT MET");

async function main() {
  const started = Date.now();
  buildIfNeeded();

  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "prepare-db.ts")], { cwd: ROOT, stdio: "ignore" });
  log(`seeding ${SCALE.tokens.toLocaleString("en")} tokens over ${SCALE.users.toLocaleString("en")} users`);
  const seedStarted = Date.now();
  const { seedBenchTenant, tokensUsedSince } = await import("./seed-bench");
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  const { listApiTokens } = await import("@/lib/tokens/list-api-tokens");
  const { tokenTableQuerySchema } = await import("@/lib/tokens/schemas");
  await seedDemo(PASSWORD);
  const seed = await seedBenchTenant({ ...SCALE, password: PASSWORD });
  log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  start("next", process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(NEXT_PORT)]);
  start("baseline", process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "bench", "baseline-server.ts")], {
    BENCH_TENANT_ID: seed.tenantId,
    BENCH_BASELINE_PORT: String(BASELINE_PORT),
  });
  const nextBase = `http://127.0.0.1:${NEXT_PORT}`;
  const baselineBase = `http://127.0.0.1:${BASELINE_PORT}`;
  await Promise.all([waitFor(`${nextBase}/signin`), waitFor(`${baselineBase}/stats`)]);

  // Separate tokens per run, so each run's last-use writes start from a never-used token.
  const [mainToken, nextToken, warmToken, ...rotation] = seed.tokenValues;
  const invalid = rotation.map((value) => value.slice(0, -1) + (value.endsWith("A") ? "B" : "A"));
  const path10 = "/api/v1/alerts/?limit=10";
  // "connection: close": a kept-alive socket may be closed by the server between two runs.
  const stats = async () => (await (await fetch(`${baselineBase}/stats`, { headers: { connection: "close" } })).json()) as { lastUseWrites: number; cachedTokens: number };

  log(`load: ${CONNECTIONS} connections, ${DURATION} s per run`);
  // Warm up both paths (JIT, caches), then alternate them so drift on a noisy machine hits both alike.
  const warmWritesBefore = (await stats()).lastUseWrites;
  const warmStarted = Date.now();
  load(`${baselineBase}/no-auth/alerts/?limit=10`, [], 5);
  load(`${baselineBase}${path10}`, [`Token ${warmToken}`], 5);
  const writesBefore = (await stats()).lastUseWrites;
  const authStarted = new Date();
  const baselineRounds: LoadResult[] = [];
  const authenticatedRounds: LoadResult[] = [];
  for (let index = 0; index < ROUNDS; index++) {
    baselineRounds.push(load(`${baselineBase}/no-auth/alerts/?limit=10`, []));
    authenticatedRounds.push(load(`${baselineBase}${path10}`, [`Token ${mainToken}`]));
  }
  const writesSingle = (await stats()).lastUseWrites - writesBefore;
  const baseline = median(baselineRounds);
  const authenticated = median(authenticatedRounds);
  const rotationBefore = (await stats()).lastUseWrites;
  const rotated = load(`${baselineBase}${path10}`, rotation.map((value) => `Token ${value}`));
  const writesRotation = (await stats()).lastUseWrites - rotationBefore;
  // Every write of the whole run, over every token used and the minutes it lasted: the recorder
  // allows one write per token per started minute (a coalesced use may be flushed in a later run).
  const writesTotal = (await stats()).lastUseWrites - warmWritesBefore;
  const tokensUsed = 2 + rotation.length;
  const writeMinutes = Math.ceil((Date.now() - warmStarted) / 60_000);
  const invalidRun = load(`${baselineBase}${path10}`, invalid.map((value) => `Token ${value}`));
  load(`${nextBase}${path10}`, [`Token ${nextToken}`], 2); // warm-up
  const deployed = load(`${nextBase}${path10}`, [`Token ${nextToken}`]);
  const rowsTouched = await tokensUsedSince(seed.tenantId, authStarted);

  log("timing the API tokens page");
  const adminCookie = await signIn(nextBase, seed.adminEmail);
  const heavyCookie = await signIn(nextBase, seed.heavyUserEmail);
  const pages: Record<string, { medianMs: number; p95Ms: number; queryMs: number }> = {};
  const { db } = await import("@/lib/db/client");
  const admin = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.adminEmail } });
  const heavy = await db.user.findFirstOrThrow({ where: { tenantId: seed.tenantId, email: seed.heavyUserEmail } });
  for (const [label, cookie, viewer, status] of [
    ["admin, All", adminCookie, admin, "All"],
    ["admin, Generated", adminCookie, admin, "Generated"],
    ["admin, Active", adminCookie, admin, "Active"],
    ["admin, Inactive", adminCookie, admin, "Inactive"],
    ["user with 100 tokens, All", heavyCookie, heavy, "All"],
  ] as const) {
    const timing = await timePage(`${nextBase}/settings/api-tokens?status=${status}`, cookie);
    const queryStarted = performance.now();
    for (let index = 0; index < 10; index++) await listApiTokens({ tenantId: viewer.tenantId, userId: viewer.id, label: viewer.email, role: viewer.role as Role }, tokenTableQuerySchema.parse({ status }));
    pages[label] = { ...timing, queryMs: round((performance.now() - queryStarted) / 10) };
  }

  const baselineRps = baseline.requestsPerSecond;
  const baselineP99 = baseline.latencyMs.p99;
  const ratio = authenticated.requestsPerSecond / baselineRps;
  const addedP99 = authenticated.latencyMs.p99 - baselineP99;
  const writesPerTokenMinute = writesTotal / tokensUsed / writeMinutes;
  const slowestPage = Math.max(...Object.values(pages).map((page) => page.medianMs));

  const report = {
    when: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform} ${process.arch}` },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, ...SCALE },
    runs: { baselineRounds, authenticatedRounds, baseline, authenticated, rotated, invalidChecksum: invalidRun, deployedNextServer: deployed },
    lastUseWrites: { singleToken: writesSingle, rotation: writesRotation, total: writesTotal, tokensUsed, minutes: writeMinutes, rowsWithNewLastUse: rowsTouched },
    pages,
    targets: {
      authenticatedThroughputRatio: { value: round(ratio * 100), target: ">= 85 %", met: ratio >= 0.85 },
      addedP99LatencyMs: { value: round(addedP99, 2), target: "< 2 ms", met: addedP99 < 2 },
      invalidChecksumVsBaseline: { value: round((invalidRun.requestsPerSecond / baselineRps) * 100), target: ">= 100 % of baseline", met: invalidRun.requestsPerSecond >= baselineRps },
      tokenPageSlowestMedianMs: { value: slowestPage, target: "< 150 ms", met: slowestPage < 150 },
      lastUseWritesPerTokenPerMinute: { value: round(writesPerTokenMinute, 2), target: "<= 1", met: writesPerTokenMinute <= 1 },
    },
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };

  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(report, null, 2) + "\n");

  const line = (label: string, run: LoadResult) =>
    `  ${label.padEnd(44)} ${round(run.requestsPerSecond, 0).toString().padStart(8)} req/s   p50 ${String(run.latencyMs.p50).padStart(5)} ms   p99 ${String(run.latencyMs.p99).padStart(5)} ms   ${JSON.stringify(run.statuses)}`;
  console.log(`
Keyport benchmark — ${report.when} — ${CONNECTIONS} connections, ${DURATION} s per run, ${SCALE.tokens.toLocaleString("en")} tokens / ${SCALE.users.toLocaleString("en")} users

1. GET /api/v1/alerts/?limit=10 (same handler, same process: the difference is the API guard)
${baselineRounds.map((run, index) => `${line(`no authentication (baseline), round ${index + 1}`, run)}\n${line(`valid token, round ${index + 1}`, authenticatedRounds[index])}`).join("\n")}
   the median rounds are compared below.
2.
${line("1 000 distinct tokens in rotation", rotated)}
${line("invalid checksums (refused before the database)", invalidRun)}
   for reference, the production Next.js server:
${line("valid token via next start", deployed)}
3. API tokens page, first page (server time over HTTP: median / p95; the database query alone)
${Object.entries(pages)
  .map(([label, page]) => `  ${label.padEnd(30)} ${String(page.medianMs).padStart(7)} ms / ${String(page.p95Ms).padStart(7)} ms    query ${page.queryMs} ms`)
  .join("\n")}
4. last-use writes: ${writesSingle} during the ${ROUNDS} valid-token rounds (one token; a coalesced use of the warm-up token may land here too); ${writesRotation} during the ${rotation.length}-token rotation;
   ${writesTotal} in all for ${tokensUsed} tokens over ${writeMinutes} started minute(s)

Targets
  authenticated throughput vs baseline   ${report.targets.authenticatedThroughputRatio.value} %   (>= 85 %)    ${pass(report.targets.authenticatedThroughputRatio.met)}
  p99 latency added by the guard          ${report.targets.addedP99LatencyMs.value} ms   (< 2 ms)    ${pass(report.targets.addedP99LatencyMs.met)}
  invalid-checksum throughput vs baseline ${report.targets.invalidChecksumVsBaseline.value} %   (>= 100 %)   ${pass(report.targets.invalidChecksumVsBaseline.met)}
  token page, slowest median              ${slowestPage} ms   (< 150 ms)   ${pass(report.targets.tokenPageSlowestMedianMs.met)}
  last-use writes per token per minute    ${report.targets.lastUseWritesPerTokenPerMinute.value}   (<= 1)   ${pass(report.targets.lastUseWritesPerTokenPerMinute.met)}

Written to bench/results/latest.json (${report.totalSeconds} s in all).`);
}

function stopAll() {
  for (const child of children) child.kill("SIGTERM");
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    stopAll();
    process.exit(1);
  });
