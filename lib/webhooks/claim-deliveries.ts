// Claiming due deliveries for one worker, so that each is sent by one worker at a time, across every
// instance of a deployment. A claim is a lease: the row is the worker's until `lockedUntil`; a worker
// that dies mid-delivery leaves a lease that runs out, and the row is claimed again (delivery is at
// least once, never lost).
//   PostgreSQL: one UPDATE over a sub-select with FOR UPDATE SKIP LOCKED, so concurrent workers take
//   different rows without waiting for each other.
//   SQLite: a conditional UPDATE that re-checks "due and not leased" in its own WHERE; SQLite runs one
//   write at a time, so two workers can never both match a row.
// Either way the claimed rows are then read back by the claim's own token.
import { randomUUID } from "node:crypto";
import { crossTenantDb } from "@/lib/db/client";
import { databaseKind } from "@/lib/db/database-url";

export type ClaimedDelivery = Awaited<ReturnType<typeof readClaimed>>[number];

function readClaimed(claimToken: string) {
  return crossTenantDb.webhookDelivery.findMany({
    where: { lockedBy: claimToken },
    include: { webhook: { select: { url: true, secretEnc: true } } },
    orderBy: { nextAttemptAt: "asc" },
  });
}

/** A PostgreSQL timestamp (without time zone, in UTC, as Prisma keeps DateTime) from a Date, whatever the session's time zone. */
const pgUtc = (date: Date) => date.toISOString();

export async function claimDueDeliveries(input: { now: Date; limit: number; leaseMs: number; workerId: string }): Promise<ClaimedDelivery[]> {
  const claimToken = `${input.workerId}:${randomUUID()}`;
  const lockedUntil = new Date(input.now.getTime() + input.leaseMs);
  if (databaseKind() === "postgresql") {
    const claimed = await crossTenantDb.$executeRaw`
      UPDATE "WebhookDelivery" SET "lockedUntil" = (${pgUtc(lockedUntil)}::timestamptz AT TIME ZONE 'UTC'), "lockedBy" = ${claimToken}
      WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "status" = 'pending'
          AND "nextAttemptAt" <= (${pgUtc(input.now)}::timestamptz AT TIME ZONE 'UTC')
          AND ("lockedUntil" IS NULL OR "lockedUntil" < (${pgUtc(input.now)}::timestamptz AT TIME ZONE 'UTC'))
        ORDER BY "nextAttemptAt"
        LIMIT ${input.limit}::int
        FOR UPDATE SKIP LOCKED
      )`;
    return claimed > 0 ? readClaimed(claimToken) : [];
  }
  const due = { status: "pending", nextAttemptAt: { lte: input.now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: input.now } }] };
  const candidates = await crossTenantDb.webhookDelivery.findMany({ where: due, orderBy: { nextAttemptAt: "asc" }, take: input.limit, select: { id: true } });
  if (candidates.length === 0) return [];
  const claimed = await crossTenantDb.webhookDelivery.updateMany({ where: { ...due, id: { in: candidates.map((row) => row.id) } }, data: { lockedUntil, lockedBy: claimToken } });
  return claimed.count > 0 ? readClaimed(claimToken) : [];
}
