// Creating and dropping PostgreSQL databases: for scripts (prepare-db, the migration check, the test
// helper), never for the server. CREATE/DROP DATABASE run on the server's maintenance database.
import pg from "pg";
import type { PoolConfig } from "pg";
import { pgPoolConfig, withDatabase } from "@/lib/db/postgres";

const MAINTENANCE_DATABASE = "postgres";

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(config: PoolConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: config.connectionTimeoutMillis ?? 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The database a postgresql:// URL names. */
export function databaseName(url: string): string {
  const name = pgPoolConfig(url).database;
  if (!name) throw new Error("DATABASE_URL must name a database, as in postgresql://user@host:5432/keyport.");
  return name;
}

/** Why the server at `url` cannot be used, or null when it answers. */
export async function unreachableReason(url: string): Promise<string | null> {
  try {
    await withClient(pgPoolConfig(url), (client) => client.query("SELECT 1"));
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

/**
 * Creates the database named by `url` when it does not exist yet. Its strings sort by code point (the
 * "C" collation), as SQLite's do, so lists come back in the same order on both databases.
 */
export async function ensureDatabase(url: string): Promise<"created" | "exists"> {
  const config = pgPoolConfig(url);
  const name = databaseName(url);
  try {
    await withClient(config, async () => {});
    return "exists";
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: no such database
  }
  return withClient(withDatabase(config, MAINTENANCE_DATABASE), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`);
      return "created" as const;
    } catch (error) {
      if ((error as { code?: string }).code === "42P04") return "exists" as const; // created by another process meanwhile
      throw error;
    }
  });
}

/** Drops the database named by `url`, closing whatever connections are still open to it. */
export async function dropDatabase(url: string): Promise<void> {
  const config = pgPoolConfig(url);
  const name = quoteIdentifier(databaseName(url));
  await withClient(withDatabase(config, MAINTENANCE_DATABASE), async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (error) {
      if ((error as { code?: string }).code !== "42601") throw error; // before PostgreSQL 13: no FORCE
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
    }
  });
}

/** The URL of database `name` on the same server, with the same credentials, as `url`. */
export function urlWithDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}
