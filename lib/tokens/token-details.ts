// Everything about one API token, for its details page: what it may do now and why (its issuer's role
// now ∩ the scopes chosen when it was made), who issued it, its lifetime, its last use, where it may be
// used from, its rotations and every audit entry about it.
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { ROLE_LABELS, SCOPES, isRole, scopesOfRole, type Scope } from "@/lib/permissions";
import { expiresSoon } from "@/lib/tokens/expiry";
import { parseJsonList } from "@/lib/tokens/token-rows";
import { effectiveScopes, parseScopesJson } from "@/lib/tokens/token-scopes";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";
import { seesAllTokens, visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { personIdsIn } from "@/lib/audit/readable-details";

/** `names`: the people its details name by id (an issuer), so the page shows names, not ids. */
export type TokenAuditEntry = { id: string; at: string; actor: string; action: string; details: Record<string, unknown>; names: Record<string, string> };

export type ApiTokenDetails = {
  id: string;
  name: string;
  /** What it is for, in its maker's words; null: none given. */
  description: string | null;
  hint: string;
  status: TokenStatus;
  issuer: { id: string; name: string; email: string; role: string; roleLabel: string; deprovisioned: boolean };
  createdAt: string;
  expiresAt: string | null;
  expiresSoon: boolean;
  lifetimeSeconds: number | null;
  lastUse: { at: string; ip: string | null; userAgent: string | null } | null;
  allowedIps: string[];
  scopes: {
    /** What the issuer's role holds now. */
    role: Scope[];
    /** Chosen when the token was made; null: all of the role. */
    chosen: Scope[] | null;
    /** What the token may do now: role ∩ chosen. */
    effective: Scope[];
    /** Chosen, but the role no longer holds them (they come back only if the role does). */
    chosenButNotInRole: Scope[];
  };
  rotation: { rotatedAt: string | null; previousValidUntil: string | null };
  rotations: { at: string; actor: string; gracePeriodSeconds: number | null; previousValidUntil: string | null; expiresAt: string | null }[];
  audit: TokenAuditEntry[];
  canManage: boolean;
};

const AUDIT_LIMIT = 200;

/** The details of an API token the actor may see; any other id (another user's or tenant's) is not_found. */
export async function getApiTokenDetails(actor: UserActor, tokenId: string, now = new Date()): Promise<ApiTokenDetails> {
  const token = await db.apiToken.findFirst({
    where: { ...visibleApiTokensWhere(actor), id: tokenId },
    include: { issuer: { select: { id: true, name: true, email: true, role: true, deprovisionedAt: true } } },
  });
  if (!token) throw new AppError("not_found", "That token does not exist, or you may not see it.");

  const events = await db.auditEvent.findMany({
    where: { tenantId: actor.tenantId, targetId: token.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: AUDIT_LIMIT,
  });
  const parsedDetails = events.map((event) => parseDetails(event.details));
  const personIds = parsedDetails.map((details) => personIdsIn(details));
  const actorIds = [...new Set([...events.map((event) => event.actorUserId).filter((id): id is string => id !== null), ...personIds.flat()])];
  const people = await db.user.findMany({ where: { tenantId: actor.tenantId, id: { in: actorIds } }, select: { id: true, email: true } });
  const emailOf = new Map(people.map((person) => [person.id, person.email]));
  const audit: TokenAuditEntry[] = events.map((event, index) => {
    const details = parsedDetails[index];
    return {
      id: event.id,
      at: event.createdAt.toISOString(),
      actor: event.actorUserId ? (emailOf.get(event.actorUserId) ?? "a removed user") : typeof details.actor === "string" ? details.actor : "system",
      action: event.action,
      details,
      names: Object.fromEntries(personIds[index].flatMap((id) => (emailOf.has(id) ? [[id, emailOf.get(id)!]] : []))),
    };
  });

  const chosen = parseScopesJson(token.scopesJson);
  const role = [...scopesOfRole(token.issuer.role)];
  const effective = effectiveScopes({ kind: token.kind, chosenScopes: chosen }, token.issuer.role);
  return {
    id: token.id,
    name: token.name,
    description: token.description,
    hint: token.hint,
    status: tokenStatus(token.lastUsedAt, now, token.expiresAt),
    issuer: {
      id: token.issuer.id,
      name: token.issuer.name,
      email: token.issuer.email,
      role: token.issuer.role,
      roleLabel: isRole(token.issuer.role) ? ROLE_LABELS[token.issuer.role] : token.issuer.role,
      deprovisioned: token.issuer.deprovisionedAt !== null,
    },
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    expiresSoon: expiresSoon(token.expiresAt, now),
    lifetimeSeconds: token.lifetimeSeconds,
    lastUse: token.lastUsedAt ? { at: token.lastUsedAt.toISOString(), ip: token.lastUsedIp, userAgent: token.lastUsedAgent } : null,
    allowedIps: parseJsonList(token.allowedIpsJson),
    scopes: { role, chosen, effective, chosenButNotInRole: chosen ? SCOPES.filter((scope) => chosen.includes(scope) && !role.includes(scope)) : [] },
    rotation: {
      rotatedAt: token.rotatedAt?.toISOString() ?? null,
      previousValidUntil: token.previousValidUntil && token.previousValidUntil > now ? token.previousValidUntil.toISOString() : null,
    },
    rotations: audit
      .filter((entry) => entry.action === "token.rotated")
      .map((entry) => ({
        at: entry.at,
        actor: entry.actor,
        gracePeriodSeconds: typeof entry.details.gracePeriodSeconds === "number" ? entry.details.gracePeriodSeconds : null,
        previousValidUntil: typeof entry.details.previousValidUntil === "string" ? entry.details.previousValidUntil : null,
        expiresAt: typeof entry.details.expiresAt === "string" ? entry.details.expiresAt : null,
      })),
    audit,
    canManage: seesAllTokens(actor) || token.userId === actor.userId,
  };
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
