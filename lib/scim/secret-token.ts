// The tenant's SCIM secret token: the bearer credential of its provisioning client (Entra ID, Okta).
// One per tenant; only its SHA-256 digest is stored; the value is shown once. Generating again
// replaces the digest, and the old value is refused from the moment the page shows the new one, on
// every instance: a lookup is remembered for a second at most, and generating drops the tenant's
// remembered lookups here and, before it answers, on every other instance (the token cache's way).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { cachesTrusted, publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { dropWhere, liveAt, processCache, type ProcessCache } from "@/lib/cache/process-cache";
import { processState, type Owned } from "@/lib/process-state";
import { crossTenantDb, db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";

const PREFIX = "kpscim_";
/** The prefix, then 256 random bits in base64url (43 characters). */
const VALUE_SHAPE = /^kpscim_[A-Za-z0-9_-]{43}$/;

export function digestOf(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

declare module "@/lib/process-state" {
  interface ProcessState {
    scimSecrets: Owned<"lib/scim/secret-token", ProcessCache<{ tenantId: string }>>;
    scimSecretGeneration: Owned<"lib/scim/secret-token", { value: number }>;
  }
}

/** Digest → tenant of secret tokens looked up within the last second. */
const remembered = processCache<{ tenantId: string }>("scimSecrets", { ttlMs: 1_000, maxEntries: 1_000 });
/** Counts the drops: a lookup that began before one must not put what it read back. */
const generation = processState("scimSecretGeneration", () => ({ value: 0 }));
function forgetTenant(tenantId: string | null): void {
  generation.value++;
  if (tenantId === null) remembered.clear();
  else dropWhere(remembered, (_digest, entry) => entry.tenantId === tenantId);
}
registerInvalidation("scimSecret", { drop: forgetTenant, dropAll: () => forgetTenant(null) });

/** Makes a new secret token for the actor's tenant, replacing any earlier one; the value is returned once. */
export async function generateScimSecret(actor: UserActor): Promise<{ value: string; createdAt: Date }> {
  const value = PREFIX + randomBytes(32).toString("base64url");
  const digest = digestOf(value);
  const createdAt = new Date();
  await transaction(async (tx) => {
    const replaced = await tx.scimSecret.findUnique({ where: { tenantId: actor.tenantId }, select: { tenantId: true } });
    await tx.scimSecret.upsert({
      where: { tenantId: actor.tenantId },
      create: { tenantId: actor.tenantId, digest, createdAt, createdByUserId: actor.userId },
      update: { digest, createdAt, createdByUserId: actor.userId },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: replaced ? "scim.secretReplaced" : "scim.secretGenerated", targetType: "TENANT", targetId: actor.tenantId, targetLabel: "SCIM secret token", details: {} },
      tx,
    );
  });
  forgetTenant(actor.tenantId);
  await publishInvalidation("scimSecret", actor.tenantId);
  return { value, createdAt };
}

/** When the tenant's current secret token was made, or null when it has none. */
export async function scimSecretCreatedAt(tenantId: string): Promise<Date | null> {
  const row = await db.scimSecret.findUnique({ where: { tenantId }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

const UNAUTHORIZED = "A valid SCIM secret token is required: Authorization: Bearer <secret token>.";

/**
 * The tenant whose current secret token the request's `Authorization: Bearer` carries. The token alone
 * names the tenant (the SCIM base URL is the same for all), so the lookup is cross-tenant by design.
 */
export async function authenticateScimRequest(authorization: string | null): Promise<{ tenantId: string }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !VALUE_SHAPE.test(match[1])) throw new AppError("unauthorized", UNAUTHORIZED);
  const digest = digestOf(match[1]);
  const known = cachesTrusted() ? liveAt(remembered, digest) : undefined;
  if (known) return { tenantId: known.tenantId };
  const seen = generation.value;
  const row = await crossTenantDb.scimSecret.findUnique({ where: { digest }, select: { tenantId: true, digest: true } });
  // The index found it by equality; compared once more in constant time so no timing tells how near a guess came.
  if (!row || !timingSafeEqual(Buffer.from(row.digest), Buffer.from(digest))) throw new AppError("unauthorized", UNAUTHORIZED);
  if (seen === generation.value) remembered.set(digest, { tenantId: row.tenantId });
  return { tenantId: row.tenantId };
}
