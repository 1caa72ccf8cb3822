// The fail-fast window against a real PostgreSQL (the one npm test starts; skipped where none answers):
// an absent database opens it, a busy pool does not.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { FAIL_FAST_MS, FAILING_FAST_MESSAGE, FailFastPool } from "./fail-fast-pool";

const SERVER_URL = process.env.KEYPORT_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const pools: pg.Pool[] = [];
function pool(config: pg.PoolConfig): FailFastPool {
  const made = new FailFastPool(config);
  made.on("error", () => {});
  pools.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.end().catch(() => {})));
  // Let a window a test opened run out before the next test.
  await new Promise((resolve) => setTimeout(resolve, FAIL_FAST_MS));
});

describe.skipIf(!(await serverAnswers()))("FailFastPool", () => {
  it("refuses every caller at once after the database refused a connection, and lets them through after the window", async () => {
    const absent = pool({ host: "127.0.0.1", port: 1, connectionTimeoutMillis: 2_000 });
    const live = pool({ connectionString: SERVER_URL, connectionTimeoutMillis: 2_000 });
    await expect(absent.query("select 1")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(live.query("select 1")).rejects.toThrow(FAILING_FAST_MESSAGE);
    await new Promise((resolve) => setTimeout(resolve, FAIL_FAST_MS));
    await expect(live.query("select 1 as one")).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it("does not take a caller that waited in vain for a free connection for an outage", async () => {
    const busy = pool({ connectionString: SERVER_URL, max: 1, connectionTimeoutMillis: 300 });
    const holder = await busy.connect();
    await expect(busy.connect()).rejects.toThrow("timeout exceeded when trying to connect");
    holder.release();
    await expect(busy.query("select 1 as one")).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });
});
