// The driver adapters of the Prisma CLI (prisma.config.ts): `migrate deploy`, `migrate diff` and
// `db push` through the JavaScript schema engine, with no native engine to download. Each wraps the
// stock adapter to mend what the migration engine needs and the stock adapter gets wrong; the server
// never uses these (lib/db/client.ts builds its own).
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { PoolConfig, QueryResult } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, SqlResultSet } from "@prisma/driver-adapter-utils";
import { pgPoolConfig } from "../../lib/db/postgres";

/** The same adapter with one method replaced. */
function withOverrides(adapter: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof SqlDriverAdapter];
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// ---- PostgreSQL ----

const TEXT = 25;
const TEXT_ARRAY = 1009;
/** Catalog types the adapter cannot read, all plain text in PostgreSQL's text format: "char", name, regproc, regclass. */
const CATALOG_TEXT_TYPES = new Set([18, 19, 24, 2205]);
/** Arrays of them: name[], regproc[], regclass[] ("char"[] the adapter reads itself). */
const CATALOG_TEXT_ARRAY_TYPES = new Set([1003, 1008, 2210]);

type TypeParsers = { getTypeParser: (oid: number, format?: string) => unknown };

function nameColumnsAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as QueryResult | undefined)?.fields ?? []) {
      if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
      else if (CATALOG_TEXT_ARRAY_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY;
    }
  }
  return result;
}

/**
 * The migration engine reads PostgreSQL's catalogs, whose identifiers have the type `name` (and
 * `"char"`, `name[]`, ...); the adapter knows no such column types and fails with "Column type 'name'
 * could not be deserialized". They hold plain text, so this connection parses and reports them as text.
 */
class CatalogNamesAsTextClient extends pg.Client {
  // @ts-expect-error one implementation for all of pg's overloads of query()
  override query(config: unknown, values?: unknown, callback?: unknown): unknown {
    if (typeof values === "function") [callback, values] = [values, undefined];
    if (typeof config === "string") config = { text: config };
    if (config && typeof config === "object" && typeof (config as { submit?: unknown }).submit !== "function") {
      const types = ((config as { types?: TypeParsers }).types ?? pg.types) as TypeParsers;
      config = { ...config, types: { getTypeParser: (oid: number, format?: string) => types.getTypeParser(CATALOG_TEXT_ARRAY_TYPES.has(oid) ? TEXT_ARRAY : oid, format) } };
    }
    const query = super.query.bind(this) as (...args: unknown[]) => unknown;
    if (typeof callback === "function") {
      return query(config, values, (error: Error | null, result: unknown) => (callback as (e: Error | null, r: unknown) => void)(error, error ? result : nameColumnsAsText(result)));
    }
    const pending = query(config, values);
    return pending instanceof Promise ? pending.then(nameColumnsAsText) : pending;
  }
}

type ScriptRunner = { client: { query(text: string): Promise<unknown> }; onError(error: unknown): never };

/**
 * The stock adapter runs a migration file by splitting it at every semicolon, which cuts a function
 * body (a trigger's PL/pgSQL) apart. PostgreSQL runs a parameterless text of several statements as
 * one simple query, semicolons inside quotes and bodies included: send the file whole.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const runner = adapter as unknown as ScriptRunner;
  return withOverrides(adapter, {
    executeScript: async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    },
  });
}

class PostgresMigrationAdapter implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  readonly #config: PoolConfig;
  readonly #main: PrismaPg;

  constructor(url: string) {
    // The CLI never closes its adapter: without allowExitOnIdle each command would wait out the pool's
    // idle timeout before exiting.
    this.#config = { ...pgPoolConfig(url), allowExitOnIdle: true, Client: CatalogNamesAsTextClient as unknown as typeof pg.Client };
    this.#main = new PrismaPg(this.#config);
    this.adapterName = this.#main.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return wholeScripts(await this.#main.connect());
  }

  /**
   * A fresh database on the same server for `migrate diff --from-migrations`. The stock adapter drops
   * it while its own connections are still open (PostgreSQL refuses) and, given a connection string,
   * would connect back to the main database instead; here the pool is closed first, and built from fields.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    const admin = await this.#main.connect();
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...this.#config, database: name }).connect();
    return withOverrides(wholeScripts(shadow), {
      dispose: async () => {
        try {
          await shadow.dispose();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        } finally {
          await admin.dispose();
        }
      },
    });
  }
}

// ---- SQLite ----

const EMPTY_RESULT: SqlResultSet = { columnNames: [], columnTypes: [], rows: [] };

function isMultiStatement(error: unknown): boolean {
  return error instanceof RangeError && /more than one statement/.test(error.message);
}

/**
 * The migration engine replays each migration file into the shadow database as one raw call; the
 * adapter prepares it as a single statement, which better-sqlite3 refuses for a file of several.
 * Such calls carry no parameters, and run here as a script instead.
 */
class SqliteMigrationAdapter implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;

  constructor(file: string) {
    this.#inner = new PrismaBetterSQLite3({ url: file });
    this.adapterName = this.#inner.adapterName;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#inner.connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await this.#inner.connectToShadowDb();
    const asScript = async <T>(query: SqlQuery, run: () => Promise<T>, scripted: T): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (query.args.length > 0 || !isMultiStatement(error)) throw error;
        await shadow.executeScript(query.sql);
        return scripted;
      }
    };
    return withOverrides(shadow, {
      queryRaw: (query) => asScript(query, () => shadow.queryRaw(query), EMPTY_RESULT),
      executeRaw: (query) => asScript(query, () => shadow.executeRaw(query), 0),
    });
  }
}

export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  return new PostgresMigrationAdapter(url);
}

export function sqliteMigrationAdapter(file: string): SqlMigrationAwareDriverAdapterFactory {
  return new SqliteMigrationAdapter(file);
}
