// The PostgreSQL end-to-end run: two instances sharing one throwaway PostgreSQL database behind a
// round-robin proxy. The ports and settings, in one place for the Playwright config, the cluster that
// its web server starts, and the scale-out tests.
//   E2E_PG_PORT       the proxy (the tests' base URL);
//   E2E_PG_PORT + 1/2 instances a and b;
//   E2E_PG_PORT + 3…10 instances the scale-out tests start for themselves.
import path from "node:path";
import { PROXY_SOURCE_ADDRESS } from "./round-robin-proxy";
import { REPO_ROOT } from "./instances";

export const PG_BASE_PORT = Number(process.env.E2E_PG_PORT || "3110");
export const PG_E2E_DIR = path.join(REPO_ROOT, ".e2e-pg");
export const INSTANCE_PORTS = [PG_BASE_PORT + 1, PG_BASE_PORT + 2];
/** Ports the scale-out tests may use for instances of their own. */
export const SPARE_PORTS = {
  outageA: PG_BASE_PORT + 3,
  outageB: PG_BASE_PORT + 4,
  shutdown: PG_BASE_PORT + 5,
  blockA: PG_BASE_PORT + 6,
  blockB: PG_BASE_PORT + 7,
  rollA: PG_BASE_PORT + 8,
  rollB: PG_BASE_PORT + 9,
  ackCut: PG_BASE_PORT + 10,
};

export function pgDatabaseUrl(): string {
  const url = process.env.KEYPORT_TEST_DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      "The PostgreSQL end-to-end run needs KEYPORT_TEST_DATABASE_URL (a throwaway database): run it through `bash scripts/e2e-pg.sh`, which makes one and drops it afterwards.",
    );
  }
  return url;
}

/** What every instance of the run is started with (each adds its PORT and data folder). No NEXTAUTH_SECRET: the instances must agree through the database. */
export function instanceEnv(): Record<string, string> {
  return {
    DATABASE_URL: pgDatabaseUrl(),
    KEYPORT_DEMO_PASSWORD: "e2e-demo-password",
    KEYPORT_PUBLIC_URL: `http://localhost:${PG_BASE_PORT}`,
    KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${PG_BASE_PORT}`,
    KEYPORT_API_RATE_LIMIT_PER_MINUTE: "300",
    KEYPORT_LEAK_REPORTS_PER_MINUTE: "1000000",
    KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE: "1000000",
    KEYPORT_TRUSTED_PROXIES: `${PROXY_SOURCE_ADDRESS}/32`,
    NEXTAUTH_SECRET: "",
    AUTH_SECRET: "",
  };
}

/** Each instance's own data folder: nothing is shared through the file system. */
export function instanceDataDir(name: string): string {
  return path.join(PG_E2E_DIR, `data-${name}`);
}
