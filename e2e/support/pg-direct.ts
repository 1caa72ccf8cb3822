// A plain connection of the test process to the run's PostgreSQL database, for what only a second
// session can show: holding row locks while two instances race, watching who waits for them.
import pg from "pg";
import { pgPoolConfig } from "@/lib/db/postgres";
import { databaseUrl } from "@/lib/db/database-url";
import { assertE2eDatabase } from "./e2e-data";

export async function directClient(): Promise<pg.Client> {
  assertE2eDatabase();
  const client = new pg.Client({ ...pgPoolConfig(databaseUrl()), application_name: "keyport-e2e-test" });
  await client.connect();
  return client;
}

/** Waits until `count` other sessions of this database are waiting for a lock (limit: `timeoutMs`). */
export async function waitForLockWaiters(client: pg.Client, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ waiting: string }>(
      "SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if (Number(rows[0].waiting) >= count) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].waiting} session(s) waiting for a lock, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
