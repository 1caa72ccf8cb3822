// Deployment-wide mutual exclusion for read-then-write rules that several instances may run at once
// (create a signing key if there is none, the seed, demoting or deprovisioning a tenant's last admin).
//
// PostgreSQL: a transaction-scoped advisory lock, taken first thing in the transaction and released at
// its commit or rollback; whoever comes second waits, then reads what the first one wrote.
// SQLite: nothing to do, every transaction() already holds the database's write lock from its first
// statement (BEGIN IMMEDIATE, lib/db/serialized-sqlite.ts), across processes too.
import pg from "pg";
import type { Tx } from "@/lib/db/client";
import { databaseKind, databaseUrl } from "@/lib/db/database-url";
import { pgPoolConfig } from "@/lib/db/postgres";

/** Waits until no other transaction of the deployment holds the lock `name`, then holds it until this transaction ends. */
export async function lockForTransaction(tx: Tx, name: string): Promise<void> {
  if (databaseKind() !== "postgresql") return;
  // Run through executeRaw: the function returns void, a column type Prisma does not read.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))`;
}


/**
 * Runs `work` while holding the deployment-wide lock `name`, for work that spans many transactions (the
 * seed). PostgreSQL: a session advisory lock on a connection of its own, held until `work` ends. SQLite
 * (one machine, typically one process): `work` runs as it is.
 */
export async function withDeploymentLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (databaseKind() !== "postgresql") return work();
  const client = new pg.Client({ ...pgPoolConfig(databaseUrl()), application_name: "keyport-lock" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    return await work();
  } finally {
    // Ending the session releases the lock too, should the unlock itself fail.
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).catch(() => {});
    await client.end().catch(() => {});
  }
}
