// `npm start`: serves an already built checkout on PORT (no install, build or seed) through Keyport's
// HTTP front, and says where to go and how to sign in. Every further instance of a deployment starts so.
import "dotenv/config";
import { DEMO_TENANTS } from "@/lib/seed/seed-demo";
import { demoPasswordFile } from "@/lib/seed/demo-password";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { databaseUrl } from "@/lib/db/database-url";

const port = process.env.PORT || "3000";
process.env.PORT = port;
process.env.DATABASE_URL = databaseUrl();

console.log(`
Keyport is starting on http://localhost:${port}
  Sign in:      http://localhost:${port}/signin  (e.g. admin@contoso.test)
  Tenant URLs:  ${DEMO_TENANTS.map((tenant) => tenantUrl(tenant.slug)).join("  ")}
  Password:     ${process.env.KEYPORT_DEMO_PASSWORD ? "the value of KEYPORT_DEMO_PASSWORD" : `printed by the seed above, and kept in ${demoPasswordFile()}`}
  Database:     ${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, "//…@")}
`);

// What `next start` does too: the production build runs with React's production behaviour.
Object.assign(process.env, { NODE_ENV: "production" });

/** Tries `step` until it succeeds: an instance started while the database is away waits for it. */
async function untilDatabaseAnswers(what: string, step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      console.error(`keyport: could not ${what} (${(error as Error).message}); trying again`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 500 * attempt)));
    }
  }
}

async function main() {
  const { loadAuthSecret } = await import("@/lib/auth/auth-secret");
  const { startInvalidationListener } = await import("@/lib/cache/invalidation-listener");
  // On PostgreSQL without NEXTAUTH_SECRET the session secret is the deployment's, kept in the database:
  // read (or made) before the first request needs it.
  await untilDatabaseAnswers("read the session secret from the database", loadAuthSecret);
  // Other instances' revocations, role changes … reach this instance's caches (PostgreSQL only).
  await startInvalidationListener();
  const { startHttpFront } = await import("@/lib/server/http-front");
  await startHttpFront({ port: Number(port) });
  console.log(`Keyport is ready on http://localhost:${port}`);
}

main().catch((error: unknown) => {
  console.error("keyport: could not start", error);
  process.exit(1);
});
