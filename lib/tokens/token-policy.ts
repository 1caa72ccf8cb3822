// A tenant's token lifetime policy: the longest lifetime a new or rotated token may get. Full admins
// set it; it shapes what the generate dialog offers, what the API accepts, and how long a rotation
// makes a token live. Tokens made before a stricter policy keep their expiry: they are listed for the
// admin to act on (their next rotation brings them under the policy).
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { isFullAdmin, onlyRolesCan } from "@/lib/permissions";
import { daysLabel, type PolicyMaxDays } from "@/lib/tokens/expiry";
import { notExpiredWhere } from "@/lib/tokens/token-status";

export type TokenPolicy = { maxLifetimeDays: number | null };

export async function getTokenPolicy(tenantId: string): Promise<TokenPolicy> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { maxTokenLifetimeDays: true } });
  if (!tenant) throw new AppError("not_found", "That tenant does not exist.");
  return { maxLifetimeDays: tenant.maxTokenLifetimeDays };
}

function requireFullAdmin(actor: UserActor): void {
  if (!actor.role || !isFullAdmin(actor.role)) throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan("portal.tokens.manageAll")}.`);
}

/** Sets the tenant's maximum lifetime (null: no maximum); audited with the old and the new value. */
export async function setTokenPolicy(actor: UserActor, maxLifetimeDays: PolicyMaxDays): Promise<{ changed: boolean; maxLifetimeDays: number | null }> {
  requireFullAdmin(actor);
  return transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: actor.tenantId }, select: { maxTokenLifetimeDays: true } });
    if (!tenant) throw new AppError("not_found", "That tenant does not exist.");
    if (tenant.maxTokenLifetimeDays === maxLifetimeDays) return { changed: false, maxLifetimeDays };
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { maxTokenLifetimeDays: maxLifetimeDays } });
    await recordAuditEvent(
      {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "tokenPolicy.changed",
        targetType: "TENANT",
        targetId: actor.tenantId,
        details: { maximumLifetime: { from: daysLabel(tenant.maxTokenLifetimeDays), to: daysLabel(maxLifetimeDays) } },
      },
      tx,
    );
    return { changed: true, maxLifetimeDays };
  });
}

export type BeyondPolicyRow = {
  id: string;
  name: string;
  kind: string;
  issuer: { name: string; email: string };
  createdAt: string;
  expiresAt: string | null;
  lifetimeSeconds: number | null;
};

export const BEYOND_POLICY_LIMIT = 200;

/**
 * The tenant's live tokens (API tokens, SIEM agents, log collectors) whose lifetime is longer than the
 * maximum, or that never expire: those made before the policy was set or made stricter. Those that never
 * expire come first, then the latest to expire.
 */
export async function listTokensBeyondPolicy(actor: UserActor, maxLifetimeDays: number | null, now = new Date()): Promise<{ rows: BeyondPolicyRow[]; total: number }> {
  requireFullAdmin(actor);
  if (maxLifetimeDays === null) return { rows: [], total: 0 };
  const where = {
    tenantId: actor.tenantId,
    revokedAt: null,
    AND: [notExpiredWhere(now), { OR: [{ lifetimeSeconds: null }, { lifetimeSeconds: { gt: maxLifetimeDays * 86_400 } }] }],
  };
  const [total, rows] = await Promise.all([
    db.apiToken.count({ where }),
    db.apiToken.findMany({
      where,
      orderBy: [{ expiresAt: { sort: "desc", nulls: "first" } }, { id: "asc" }],
      take: BEYOND_POLICY_LIMIT,
      select: { id: true, name: true, kind: true, createdAt: true, expiresAt: true, lifetimeSeconds: true, issuer: { select: { name: true, email: true } } },
    }),
  ]);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      issuer: row.issuer,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      lifetimeSeconds: row.lifetimeSeconds,
    })),
  };
}
