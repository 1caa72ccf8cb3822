// Where a deployment-wide secret is kept when the operator gave none. On PostgreSQL several instances
// share only the database, so the secret lives there: the first instance to start inserts it (INSERT …
// ON CONFLICT DO NOTHING, so two starting together keep one) and every instance reads that row. On
// SQLite the deployment is one machine, and the caller keeps the secret in the data folder.
import pg from "pg";
import { databaseUrl } from "@/lib/db/database-url";
import { pgPoolConfig } from "@/lib/db/postgres";
import { perDatabase } from "@/lib/db/sql-dialect";

/** Whether secrets the operator did not give are kept in the database (shared by every instance). */
export function keepsSecretsInDatabase(): boolean {
  return perDatabase({ postgresql: () => true, sqlite: () => false });
}

/** Inserts the named secret unless one exists, and returns the one that is kept (PostgreSQL only). */
export async function databaseSecret(name: string, generate: () => string): Promise<string> {
  const client = new pg.Client({ ...pgPoolConfig(databaseUrl()), application_name: "keyport-secret" });
  await client.connect();
  try {
    await client.query(`INSERT INTO "DeploymentSecret" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING`, [name, generate()]);
    const { rows } = await client.query<{ value: string }>(`SELECT "value" FROM "DeploymentSecret" WHERE "name" = $1`, [name]);
    return rows[0].value;
  } finally {
    await client.end().catch(() => {});
  }
}
