// A throwaway PostgreSQL database for tests and migration tooling: created on the server at
// KEYPORT_TEST_PG_URL (default: the local server as postgres), named keyport_test_<random>, dropped
// afterwards, so runs never see each other's data and leave nothing behind.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, unreachableReason, urlWithDatabase } from "./postgres-admin";

export const DEFAULT_TEST_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function testServerUrl(): string {
  return process.env.KEYPORT_TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

/** What to tell someone whose machine has no PostgreSQL for the tests. */
export function howToProvidePostgres(reason: string): string {
  return (
    `No PostgreSQL answers at ${redact(testServerUrl())} (${reason}). Start one there (Debian: apt-get install postgresql, ` +
    "then pg_ctlcluster <version> main start), or set KEYPORT_TEST_PG_URL to a server where this user may create databases, " +
    "as in postgresql://user:password@host:5432/postgres."
  );
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:…@");
}

export async function createThrowawayDatabase(server = testServerUrl()): Promise<string> {
  const url = urlWithDatabase(server, `keyport_test_${randomBytes(6).toString("hex")}`);
  await ensureDatabase(url);
  return url;
}

export type Throwaway<T> = { ran: true; value: T } | { ran: false; reason: string };

/**
 * Runs `work` against KEYPORT_TEST_DATABASE_URL when the caller already made one (and leaves it to
 * the caller to drop), or else against a database of its own, dropped afterwards. Does not run it
 * when no server answers.
 */
export async function withThrowawayDatabase<T>(work: (url: string) => Promise<T>): Promise<Throwaway<T>> {
  const given = process.env.KEYPORT_TEST_DATABASE_URL;
  if (given) return { ran: true, value: await work(given) };
  const reason = await unreachableReason(testServerUrl());
  if (reason) return { ran: false, reason };
  const url = await createThrowawayDatabase();
  const drop = () => dropDatabase(url).catch((error) => console.error(`Could not drop ${redact(url)}: ${(error as Error).message}`));
  const interrupted = () => void drop().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    return { ran: true, value: await work(url) };
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await drop();
  }
}
