// `npx tsx bench/pressure-run.ts [--db sqlite|postgres]`: section 6 of `npm run bench` alone (what leak
// reports and large uploads cost everyone else), on a scratch database with the demo data, without the
// million-token sections around it. Needs a production build (npx next build). A report, never a timer.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { measurePressure, pressureSection } from "./pressure-bench";

const ROOT = path.resolve(__dirname, "..");
const PORT = Number(process.env.BENCH_PORT || 3400) + 2;
const kind = process.argv.includes("postgres") || process.argv.includes("--db=postgres") ? "postgresql" : "sqlite";

async function main() {
  const dataDir = path.join(ROOT, "bench", ".data", `pressure-${kind}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl = `file:${path.join(dataDir, "bench.db")}`;
  let drop = async () => {};
  if (kind === "postgresql") {
    const { testServerUrl } = await import("../scripts/db/test-postgres");
    const admin = await import("@/scripts/db/postgres-admin");
    databaseUrl = admin.urlWithDatabase(testServerUrl(), `keyport_bench_${randomBytes(5).toString("hex")}`);
    await admin.ensureDatabase(databaseUrl);
    drop = () => admin.dropDatabase(databaseUrl);
  }
  const password = "bench-password-1";
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    KEYPORT_DATA_DIR: dataDir,
    KEYPORT_DEMO_PASSWORD: password,
    KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${PORT}`,
    KEYPORT_PUBLIC_URL: `http://localhost:${PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
    KEYPORT_API_RATE_LIMIT_PER_MINUTE: "1000000000",
  });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "prepare-db.ts")], { cwd: ROOT, stdio: "ignore" });
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  const { db } = await import("@/lib/db/client");
  const { generateToken } = await import("@/lib/tokens/generate-token");
  await seedDemo(password);
  const contoso = await db.tenant.findFirstOrThrow({ where: { slug: "contoso" } });
  const admin = await db.user.findFirstOrThrow({ where: { tenantId: contoso.id, email: "admin@contoso.test" } });
  const token = await generateToken({ tenantId: admin.tenantId, userId: admin.id, kind: "API_TOKEN", name: "bench pressure" });
  const alert = await db.alert.findFirstOrThrow({ where: { tenantId: admin.tenantId }, select: { id: true } });
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`http://localhost:${PORT}/signin`)).status < 500) break;
      } catch {
        if (tries > 360) throw new Error("the server did not start");
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const report = await measurePressure(`http://localhost:${PORT}`, token.value, alert.id);
    console.log(`\nKeyport on ${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${new Date().toISOString()}\n`);
    console.log(pressureSection(report, 6));
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", `pressure-${kind}.json`), JSON.stringify(report, null, 2) + "\n");
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
