// `npm start`: serves an already built checkout on PORT (no install, build or seed) through Keyport's
// HTTP front, and says where to go and how to sign in. Every further instance of a deployment starts so.
// `npm run dev` (--dev) serves the working tree the same way, with Next's development server behind the
// front. What a server process needs before it serves (the session secret, the cache-invalidation
// listener, the background jobs) is started by Next itself, from instrumentation.ts (lib/server/boot.ts),
// so `next start` and `next dev` boot the same.
import "dotenv/config";
import { checkConfigOrExit, config } from "@/lib/config";

const dev = process.argv.includes("--dev");

// A value the configuration cannot take stops here, in one line, before anything starts (so the
// rest is imported only after this).
checkConfigOrExit();
const port = String(config.port);

async function main() {
  const { DEMO_TENANTS } = await import("@/lib/seed/seed-demo");
  const { demoPasswordFile } = await import("@/lib/seed/demo-password");
  const { tenantUrl } = await import("@/lib/tenants/tenant-url");
  const { databaseUrl } = await import("@/lib/db/database-url");
  process.env.PORT = port;
  process.env.DATABASE_URL = databaseUrl();

  console.log(`
Keyport is starting on http://localhost:${port}${dev ? " (development: pages compile on first visit)" : ""}
  Sign in:      http://localhost:${port}/signin  (e.g. admin@contoso.test)
  Tenant URLs:  ${DEMO_TENANTS.map((tenant) => tenantUrl(tenant.slug)).join("  ")}
  Password:     ${config.demoPassword ? "the value of KEYPORT_DEMO_PASSWORD" : `printed by the seed above, and kept in ${demoPasswordFile()}`}
  Database:     ${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, "//…@")}
`);

  // What `next start` and `next dev` do too: React's production behaviour for the build, its
  // development behaviour (and Next's error overlay) for the working tree.
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

  const { startHttpFront } = await import("@/lib/server/http-front");
  await startHttpFront({ port: Number(port), dev });
  console.log(`Keyport is ready on http://localhost:${port}`);
}

main().catch((error: unknown) => {
  console.error("keyport: could not start", error);
  process.exit(1);
});
