// Claiming work for one worker, across every instance of a deployment, in two steps:
//   1. an endpoint (a webhook) with a delivery due: a lease on the webhook row, so that one worker at a
//      time sends to each endpoint (per-endpoint concurrency of one, deployment-wide). A paused
//      endpoint, or one still backing off after a failure, is not claimed, and the least recently
//      served endpoint goes first.
//   2. then, while it holds the endpoint, that endpoint's due deliveries one at a time, each with a
//      lease of its own (so a delivery is never sent twice at once, even by a worker whose endpoint
//      lease ran out mid-attempt).
// A claim is a lease: a worker that dies leaves leases that run out, and the work is claimed again
// (delivery is at least once, never lost).
//   PostgreSQL: one UPDATE over a sub-select with FOR UPDATE SKIP LOCKED, so concurrent workers take
//   different endpoints without waiting for each other.
//   SQLite: a conditional UPDATE that re-checks "free" in its own WHERE; SQLite runs one write at a
//   time, so two workers can never both match a row.
import { randomUUID } from "node:crypto";
import { crossTenantDb } from "@/lib/db/client";
import { perDatabase } from "@/lib/db/sql-dialect";

export type ClaimedEndpoint = { id: string; tenantId: string; url: string; secretEnc: string; lockedBy: string };
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

/**
 * Takes the lease of one endpoint that has a delivery due and is free, not paused and not backing off;
 * null when there is none. Endpoints of the tenants in `skipTenants` are left to others (this worker
 * already sends as much for them as it may).
 */
export async function claimEndpoint(input: { now: Date; leaseMs: number; workerId: string; skipTenants?: readonly string[] }): Promise<ClaimedEndpoint | null> {
  const claim: EndpointClaim = {
    now: input.now,
    lockedUntil: new Date(input.now.getTime() + input.leaseMs),
    claimToken: `${input.workerId}:${randomUUID()}`,
    skip: [...(input.skipTenants ?? [])],
  };
  const claimed = await perDatabase({ postgresql: () => claimEndpointSkipLocked(claim), sqlite: () => claimEndpointConditionally(claim) });
  return claimed ? { ...claimed, lockedBy: claim.claimToken } : null;
}

type EndpointClaim = { now: Date; lockedUntil: Date; claimToken: string; skip: string[] };
type EndpointRow = { id: string; tenantId: string; url: string; secretEnc: string };

async function claimEndpointSkipLocked({ now: at, lockedUntil, claimToken, skip }: EndpointClaim): Promise<EndpointRow | null> {
  const now = pgUtc(at);
  const rows = await crossTenantDb.$queryRaw<EndpointRow[]>`
    UPDATE "Webhook" SET "lockedUntil" = (${pgUtc(lockedUntil)}::timestamptz AT TIME ZONE 'UTC'), "lockedBy" = ${claimToken}
    WHERE "id" = (
      SELECT w."id" FROM "Webhook" w
      WHERE w."pausedAt" IS NULL
        AND (w."lockedUntil" IS NULL OR w."lockedUntil" <= (${now}::timestamptz AT TIME ZONE 'UTC'))
        AND (w."retryAt" IS NULL OR w."retryAt" <= (${now}::timestamptz AT TIME ZONE 'UTC'))
        AND NOT (w."tenantId" = ANY(string_to_array(${skip.join(",")}, ',')))
        AND EXISTS (
          SELECT 1 FROM "WebhookDelivery" d
          WHERE d."webhookId" = w."id" AND d."status" = 'pending' AND d."nextAttemptAt" <= (${now}::timestamptz AT TIME ZONE 'UTC')
        )
      ORDER BY w."lockedUntil" ASC NULLS FIRST
      LIMIT 1
      FOR UPDATE OF w SKIP LOCKED
    )
    RETURNING "id", "tenantId", "url", "secretEnc"`;
  return rows[0] ?? null;
}

async function claimEndpointConditionally({ now, lockedUntil, claimToken, skip }: EndpointClaim): Promise<EndpointRow | null> {
  const free = {
    pausedAt: null,
    AND: [{ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] }, { OR: [{ retryAt: null }, { retryAt: { lte: now } }] }],
  };
  const candidate = await crossTenantDb.webhook.findFirst({
    where: { ...free, tenantId: { notIn: skip }, deliveries: { some: { status: "pending", nextAttemptAt: { lte: now } } } },
    orderBy: { lockedUntil: { sort: "asc", nulls: "first" } },
    select: { id: true, tenantId: true, url: true, secretEnc: true },
  });
  if (!candidate) return null;
  const claimed = await crossTenantDb.webhook.updateMany({ where: { ...free, id: candidate.id }, data: { lockedUntil, lockedBy: claimToken } });
  return claimed.count === 1 ? candidate : null;
}

/** Extends the endpoint's lease; false when it is no longer this worker's (it ran out and another took it). */
export async function renewEndpoint(endpoint: ClaimedEndpoint, input: { now: Date; leaseMs: number }): Promise<boolean> {
  const renewed = await crossTenantDb.webhook.updateMany({ where: { id: endpoint.id, lockedBy: endpoint.lockedBy }, data: { lockedUntil: new Date(input.now.getTime() + input.leaseMs) } });
  return renewed.count === 1;
}

/** Ends this worker's turn at the endpoint: free for any worker, and last in line for this one. */
export async function releaseEndpoint(endpoint: ClaimedEndpoint, now: Date): Promise<void> {
  await crossTenantDb.webhook.updateMany({ where: { id: endpoint.id, lockedBy: endpoint.lockedBy }, data: { lockedUntil: now, lockedBy: null } });
}

/** Takes the lease of the endpoint's oldest due delivery, or null when none is due. */
export async function claimNextDelivery(endpoint: ClaimedEndpoint, input: { now: Date; leaseMs: number }): Promise<ClaimedDelivery | null> {
  const due = {
    tenantId: endpoint.tenantId,
    webhookId: endpoint.id,
    status: "pending",
    nextAttemptAt: { lte: input.now },
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: input.now } }],
  };
  const candidate = await crossTenantDb.webhookDelivery.findFirst({ where: due, orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }], select: { id: true } });
  if (!candidate) return null;
  const claimToken = `${endpoint.lockedBy}:${randomUUID()}`;
  const claimed = await crossTenantDb.webhookDelivery.updateMany({
    where: { ...due, id: candidate.id },
    data: { lockedUntil: new Date(input.now.getTime() + input.leaseMs), lockedBy: claimToken },
  });
  if (claimed.count !== 1) return null;
  const [delivery] = await readClaimed(claimToken);
  return delivery ?? null;
}
