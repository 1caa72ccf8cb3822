// The development boot is the production boot: `npm run dev` (or, with DEV_BOOT_COMMAND=next, Next's own
// `next dev` without Keyport's HTTP front) against DATABASE_URL (a throwaway, migrated
// PostgreSQL database; run through scripts/test-dev-boot.sh) without NEXTAUTH_SECRET must load the
// session secret from the database, listen for other instances' cache invalidations (its row in
// CacheInstance; a revocation made in this process reaches it and is acknowledged) and serve a page and
// an API call. Exits non-zero, saying which step failed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { unconfirmedInvalidations } from "@/lib/cache/cache-events";
import { startInvalidationListener } from "@/lib/cache/invalidation-listener";
import { runShutdownHooks } from "@/lib/shutdown";

const PORT = Number(process.env.DEV_BOOT_PORT || "3200");
const COMMAND = process.env.DEV_BOOT_COMMAND === "next" ? ["npx", "next", "dev", "--port", String(PORT)] : ["npm", "run", "dev"];
const BASE = `http://localhost:${PORT}`;
const BOOT_LINE = "keyport: booted: session secret loaded, listening for cache invalidations";
const STARTUP_TIMEOUT_MS = 300_000;

function step(what: string) {
  console.log(`dev boot: ${what}`);
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error("DATABASE_URL must name a throwaway PostgreSQL database");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-dev-boot-"));

  const suffix = Math.random().toString(36).slice(2, 8);
  const tenant = await createTenant({ slug: `dev-${suffix}`, name: `Dev boot ${suffix}` });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@dev-${suffix}.test`, name: "Dev boot admin", role: "GLOBAL_ADMIN", password: "fixture-password-1" });
  const token = await generateToken({ tenantId: tenant.id, userId: admin.id, kind: "API_TOKEN", name: "dev boot probe" });

  step(`starting ${COMMAND.join(" ")} on port ${PORT}`);
  const server = spawn(COMMAND[0], COMMAND.slice(1), {
    env: { ...process.env, PORT: String(PORT), KEYPORT_DATA_DIR: dataDir, NEXTAUTH_SECRET: "", AUTH_SECRET: "", KEYPORT_PUBLIC_URL: "", KEYPORT_TENANT_URL_TEMPLATE: "" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, name);
    } catch {}
  };
  // The server drains on SIGTERM and still writes to its pipes meanwhile: wait for it to exit (or
  // kill it) before this process, which holds the other end of those pipes, goes.
  const stop = async () => {
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 40_000);
    await exited;
    clearTimeout(timer);
  };
  process.on("exit", () => signal("SIGKILL"));

  try {
    await until("the boot line", STARTUP_TIMEOUT_MS, async () => (output.includes(BOOT_LINE) ? true : server.exitCode !== null ? Promise.reject() : undefined));
    step("booted with the listener");

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS live FROM "CacheInstance" WHERE "seenAt" > timezone('UTC', now()) - interval '10 seconds'`);
    const secret = await client.query(`SELECT count(*)::int AS kept FROM "DeploymentSecret"`);
    await client.end();
    if (rows[0].live < 1) throw new Error("no live row in CacheInstance: the dev server is not listening");
    if (secret.rows[0].kept < 1) throw new Error("no session secret in the database");
    step(`listening: ${rows[0].live} live instance(s) in CacheInstance, the session secret is the database's`);

    const page = await until("the sign-in page", STARTUP_TIMEOUT_MS, async () => {
      const response = await fetch(`${BASE}/signin`);
      return response.status === 200 ? response.text() : undefined;
    });
    if (!/<html/i.test(page)) throw new Error("the sign-in page is not HTML");
    step("served the sign-in page");

    const whoami = () => fetch(`${BASE}/api/v1/whoami`, { headers: { authorization: `Token ${token.value}` } });
    const before = await until("an API answer", STARTUP_TIMEOUT_MS, async () => {
      const response = await whoami();
      return response.status === 200 ? response.json() : undefined;
    });
    step(`served an API call: ${JSON.stringify(before).slice(0, 120)}`);

    // A revocation made here is published to the listening instances and waits for their
    // acknowledgement (which reaches this process on a listening connection of its own): the dev
    // server acknowledges it, so nothing is left unconfirmed.
    await startInvalidationListener();
    const actor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" as const };
    await revokeApiToken(actor, token.id);
    if (unconfirmedInvalidations() !== 0) throw new Error("the dev server did not acknowledge the revocation");
    const after = await whoami();
    if (after.status !== 401) throw new Error(`the revoked token still answered ${after.status}`);
    step("a revocation made in another process was acknowledged by the dev server, and its next call is 401");
    await runShutdownHooks();
  } catch (error) {
    console.error(output.split("\n").slice(-40).join("\n"));
    throw error;
  } finally {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`dev boot: FAILED: ${(error as Error).message}`);
    process.exit(1);
  },
);
