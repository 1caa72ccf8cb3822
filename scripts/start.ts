// Serves the production build on PORT and says where to go and how to sign in.
import "dotenv/config";
import { spawn } from "node:child_process";
import path from "node:path";
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

const server = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
