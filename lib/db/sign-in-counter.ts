// The sign-in throttle's count per key (an email, a device, a client IP) in the table "SignInThrottle":
// each change of a count is one statement, so a key that many instances count at once is held locked
// by the database only for that statement.
//
// PostgreSQL: raw statements. Prisma runs an upsert or an updateMany as a transaction of several round
// trips, holding the row's lock between them; on a busy instance those round trips wait for its event
// loop, and every other instance's count of the same key waits behind them.
// SQLite: Prisma's calls; every statement already runs alone in the one database file.
import { db } from "@/lib/db/client";
import { databaseKind } from "@/lib/db/database-url";

export type SignInCount = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

/**
 * Adds `attempts` to a key's count, first starting its window over when the window began `windowMs` or
 * more before `now` and the key is not locked; answers the count after the addition.
 */
export async function addSignInAttempts(key: string, attempts: number, now: Date, windowMs: number): Promise<SignInCount> {
  if (databaseKind() === "postgresql") {
    const nowMs = now.getTime();
    const cutoffMs = nowMs - windowMs;
    // Times go in and out as milliseconds since the epoch, in UTC, whatever the session's time zone; the
    // window starts over (count, window and lock) when it began by the cutoff and no lock holds now.
    const rows = await db.$queryRaw<{ failures: number; windowStartedMs: number; lockedUntilMs: number | null }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartedAt", "lockedUntil", "lastFailureAt")
      VALUES (${key}, ${attempts}::int, (to_timestamp(${nowMs}::double precision / 1000) AT TIME ZONE 'UTC'), NULL, (to_timestamp(${nowMs}::double precision / 1000) AT TIME ZONE 'UTC'))
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartedAt" <= (to_timestamp(${cutoffMs}::double precision / 1000) AT TIME ZONE 'UTC')
                           AND ("SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= EXCLUDED."lastFailureAt")
                          THEN EXCLUDED."failures" ELSE "SignInThrottle"."failures" + EXCLUDED."failures" END,
        "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" <= (to_timestamp(${cutoffMs}::double precision / 1000) AT TIME ZONE 'UTC')
                           AND ("SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= EXCLUDED."lastFailureAt")
                          THEN EXCLUDED."windowStartedAt" ELSE "SignInThrottle"."windowStartedAt" END,
        "lockedUntil" = CASE WHEN "SignInThrottle"."windowStartedAt" <= (to_timestamp(${cutoffMs}::double precision / 1000) AT TIME ZONE 'UTC')
                           AND ("SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= EXCLUDED."lastFailureAt")
                          THEN NULL ELSE "SignInThrottle"."lockedUntil" END,
        "lastFailureAt" = EXCLUDED."lastFailureAt"
      RETURNING "failures",
        (EXTRACT(EPOCH FROM "windowStartedAt") * 1000)::float8 AS "windowStartedMs",
        (EXTRACT(EPOCH FROM "lockedUntil") * 1000)::float8 AS "lockedUntilMs"`;
    const [row] = rows;
    return { failures: Number(row.failures), windowStartedAt: new Date(Math.round(Number(row.windowStartedMs))), lockedUntil: row.lockedUntilMs === null ? null : new Date(Math.round(Number(row.lockedUntilMs))) };
  }
  await db.signInThrottle.updateMany({
    where: { key, windowStartedAt: { lte: new Date(now.getTime() - windowMs) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failures: 0, windowStartedAt: now, lockedUntil: null },
  });
  const upsert = () =>
    db.signInThrottle.upsert({ where: { key }, create: { key, failures: attempts, windowStartedAt: now, lastFailureAt: now }, update: { failures: { increment: attempts }, lastFailureAt: now } });
  try {
    return await upsert();
  } catch (error) {
    // Another connection created the row between this one's look and its insert: now it exists.
    if ((error as { code?: unknown } | null)?.code === "P2002") return upsert();
    throw error;
  }
}

/** Takes one attempt back off a key's count (never below zero). */
export async function removeSignInAttempt(key: string): Promise<void> {
  await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = "failures" - 1 WHERE "key" = ${key} AND "failures" > 0`;
}

/** Locks a key until `until` unless it is locked already; answers whether this call locked it. */
export async function lockSignInKey(key: string, now: Date, until: Date): Promise<boolean> {
  if (databaseKind() === "postgresql") {
    const changed = await db.$executeRaw`
      UPDATE "SignInThrottle" SET "lockedUntil" = (to_timestamp(${until.getTime()}::double precision / 1000) AT TIME ZONE 'UTC')
      WHERE "key" = ${key} AND ("lockedUntil" IS NULL OR "lockedUntil" <= (to_timestamp(${now.getTime()}::double precision / 1000) AT TIME ZONE 'UTC'))`;
    return changed > 0;
  }
  const locked = await db.signInThrottle.updateMany({ where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] }, data: { lockedUntil: until } });
  return locked.count > 0;
}

/** Forgets a key's count and lock. */
export async function clearSignInKey(key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "key" = ${key}`;
}
