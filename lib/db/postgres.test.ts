import { describe, expect, it, vi } from "vitest";
import { CONNECT_TIMEOUT_MS, DEFAULT_POOL_SIZE, QUERY_TIMEOUT_MS, pgPoolConfig, serverPoolConfig } from "@/lib/db/postgres";
import { containsInsensitive } from "@/lib/db/contains";

describe("PostgreSQL connection settings from DATABASE_URL", () => {
  it("takes each part from the URL, so a copy aimed at another database really connects there", () => {
    const config = pgPoolConfig("postgresql://keyport:p%40ss%2Fword@db.internal:6543/keyport_prod");
    expect(config).toMatchObject({ host: "db.internal", port: 6543, user: "keyport", password: "p@ss/word", database: "keyport_prod", ssl: false });
    expect(config).not.toHaveProperty("connectionString");
  });

  it("bounds the pool and the wait for a connection, so a dead database cannot hang a request", () => {
    const config = pgPoolConfig("postgresql://postgres@127.0.0.1/keyport");
    expect(config).toMatchObject({ port: 5432, max: DEFAULT_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    expect(pgPoolConfig("postgres://u@h/d?connection_limit=4&connect_timeout=2")).toMatchObject({ max: 4, connectionTimeoutMillis: 2000 });
  });

  it("bounds each statement of the server, so a database that stops answering is a 503 within 5 s, not a hang", () => {
    const config = serverPoolConfig("postgresql://postgres@127.0.0.1/keyport");
    expect(config).toMatchObject({ statement_timeout: QUERY_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS + 500, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    expect(CONNECT_TIMEOUT_MS + 1_000).toBeLessThan(5_000);
    expect(QUERY_TIMEOUT_MS + 500 + 1_000).toBeLessThan(5_000);
    // Migrations and administration are not bounded: their statements may run long.
    expect(pgPoolConfig("postgresql://postgres@127.0.0.1/keyport")).not.toHaveProperty("statement_timeout");
    vi.stubEnv("KEYPORT_DB_QUERY_TIMEOUT_MS", "0");
    try {
      expect(serverPoolConfig("postgresql://postgres@127.0.0.1/keyport")).not.toHaveProperty("query_timeout");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("understands sockets and TLS modes, and refuses what it cannot honour", () => {
    expect(pgPoolConfig("postgresql://u@/d?host=/var/run/postgresql").host).toBe("/var/run/postgresql");
    expect(pgPoolConfig("postgresql://u@h/d?sslmode=require").ssl).toEqual({ rejectUnauthorized: false });
    expect(pgPoolConfig("postgresql://u@h/d?sslmode=verify-full").ssl).toBe(true);
    expect(() => pgPoolConfig("postgresql://u@h/d?sslmode=sometimes")).toThrow(/sslmode/);
    expect(() => pgPoolConfig("postgresql://u@h/d?schema=tenant1")).toThrow(/public schema/);
    expect(() => pgPoolConfig("postgresql://u@h/d?connection_limit=0")).toThrow(/connection_limit/);
  });
});

describe("case-insensitive search", () => {
  it("is a plain contains on SQLite, whose LIKE already ignores case", () => {
    expect(containsInsensitive("Travel")).toEqual({ contains: "Travel" });
  });
});
