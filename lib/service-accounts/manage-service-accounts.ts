// Service accounts of a tenant, for its full admins: list, add, disable, enable, delete, and the
// account's tokens. A service account is no person: it has no password and cannot sign in, it is not
// a User (so it never counts as the tenant's last administrator and never appears in user
// provisioning), and its tokens hold its role, whatever becomes of the person who made them.
// Disabling refuses its tokens (403 permission denied), deleting revokes them (401); either reaches
// every instance before the change answers (the token cache's tokensOfServiceAccount invalidation).
// Nobody makes an account or a token stronger than themselves: through the API the calling token's
// scopes are the ceiling, in the portal the maker's role.
import { randomUUID } from "node:crypto";
import { db, transaction, type Tx } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/locks";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordTokenEvents } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, enqueueWebhookEvents, tokenEventData } from "@/lib/webhooks/enqueue-event";
import type { Actor, UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { ROLE_LABELS, isFullAdmin, isRole, onlyRolesCan, scopesOfRole, type Role, type Scope } from "@/lib/permissions";
import { forgetCachedTokensOfServiceAccount } from "@/lib/tokens/token-cache";
import { createApiToken, type NewApiTokenInput } from "@/lib/tokens/create-api-token";
import type { CredentialCeiling } from "@/lib/tokens/credential-ceiling";
import type { TokenEventVia } from "@/lib/audit/token-events";
import type { TokenObject } from "@/lib/tokens/token-rows";
import { NO_SUCH_SERVICE_ACCOUNT, type NewServiceAccount, type ServiceAccountStatus } from "@/lib/service-accounts/schemas";

/** A service account as the API answers with it (times in ms since the epoch). */
export type ServiceAccountObject = {
  id: string;
  name: string;
  description: string;
  role: Role;
  status: ServiceAccountStatus;
  /** Its live (unrevoked) API tokens. */
  tokenCount: number;
  createdAt: number;
};

/** A row of the portal's table. */
export type ServiceAccountRow = Omit<ServiceAccountObject, "createdAt"> & { roleLabel: string; createdAt: string };

type StoredAccount = { id: string; name: string; description: string; role: string; disabledAt: Date | null; createdAt: Date; _count: { tokens: number } };

const liveTokens = { tokens: { where: { revokedAt: null } } } as const;

/** Only a full admin, acting as a person, manages service accounts. */
export function refuseUnlessFullAdmin(actor: Actor): asserts actor is UserActor {
  if (actor.userId === null) throw new AppError("forbidden", "Only a person's API token can manage service accounts: a service account's or an application's cannot.");
  if (!actor.role || !isFullAdmin(actor.role)) throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan("portal.serviceAccounts.manage")}.`);
}

function toObject(account: StoredAccount): ServiceAccountObject {
  return {
    id: account.id,
    name: account.name,
    description: account.description,
    role: isRole(account.role) ? account.role : "SECURITY_READER",
    status: account.disabledAt ? "disabled" : "active",
    tokenCount: account._count.tokens,
    createdAt: account.createdAt.getTime(),
  };
}

export function toRow(account: ServiceAccountObject): ServiceAccountRow {
  return { ...account, roleLabel: ROLE_LABELS[account.role], createdAt: new Date(account.createdAt).toISOString() };
}

/** The tenant's service accounts (not deleted), by name; `skip`/`take` page them. */
export async function listServiceAccounts(actor: Actor, page: { skip: number; take: number } = { skip: 0, take: 1000 }): Promise<{ data: ServiceAccountObject[]; hasNext: boolean; total: number }> {
  refuseUnlessFullAdmin(actor);
  const where = { tenantId: actor.tenantId, deletedAt: null };
  const [total, rows] = await Promise.all([
    db.serviceAccount.count({ where }),
    db.serviceAccount.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: page.skip, take: page.take + 1, include: { _count: { select: liveTokens } } }),
  ]);
  return { data: rows.slice(0, page.take).map(toObject), hasNext: rows.length > page.take, total };
}

/** One service account of the actor's tenant; another tenant's, a deleted or an unknown one is not found. */
export async function getServiceAccount(actor: Actor, serviceAccountId: string): Promise<ServiceAccountObject> {
  refuseUnlessFullAdmin(actor);
  const account = await db.serviceAccount.findFirst({ where: { id: serviceAccountId, tenantId: actor.tenantId, deletedAt: null }, include: { _count: { select: liveTokens } } });
  if (!account) throw new AppError("not_found", NO_SUCH_SERVICE_ACCOUNT);
  return toObject(account);
}

async function liveAccount(tx: Tx, actor: UserActor, serviceAccountId: string) {
  const account = await tx.serviceAccount.findFirst({ where: { id: serviceAccountId, tenantId: actor.tenantId, deletedAt: null } });
  if (!account) throw new AppError("not_found", NO_SUCH_SERVICE_ACCOUNT);
  return account;
}

/**
 * Adds a service account. Its role may hold no scope its maker does not (the maker's role, and through
 * the API the calling token's scopes): a narrowed admin token cannot make a Global administrator account.
 */
export async function createServiceAccount(actor: Actor, input: NewServiceAccount, options: { callerScopes?: readonly Scope[]; auditDetails?: Record<string, unknown> } = {}): Promise<ServiceAccountObject> {
  refuseUnlessFullAdmin(actor);
  const maker = scopesOfRole(actor.role!).filter((scope) => !options.callerScopes || options.callerScopes.includes(scope));
  const beyond = scopesOfRole(input.role).filter((scope) => !maker.includes(scope));
  if (beyond.length > 0) {
    const message = `You cannot add a ${ROLE_LABELS[input.role]} service account: it would hold ${beyond.join(", ")}, which the credential making it does not.`;
    throw new AppError("forbidden", message, { details: { role: [message] } });
  }
  const taken = `A service account named "${input.name}" already exists.`;
  const created = await transaction(async (tx) => {
    // One live account per name: a rule a unique index cannot hold (deleted accounts keep their names), so
    // concurrent adds of one tenant take turns, on every instance.
    await lockForTransaction(tx, `service-account-names:${actor.tenantId}`);
    const existing = await tx.serviceAccount.findFirst({ where: { tenantId: actor.tenantId, name: input.name, deletedAt: null }, select: { id: true } });
    if (existing) throw new AppError("conflict", taken, { details: { name: [taken] } });
    const account = await tx.serviceAccount.create({
      data: { id: randomUUID(), tenantId: actor.tenantId, name: input.name, description: input.description, role: input.role, createdByUserId: actor.userId },
      include: { _count: { select: liveTokens } },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "serviceAccount.created", targetType: "SERVICE_ACCOUNT", targetId: account.id, targetLabel: account.name, details: { name: account.name, role: account.role, ...options.auditDetails } },
      tx,
    );
    await enqueueWebhookEvent(tx, { tenantId: actor.tenantId, type: "service_account.created", data: { serviceAccount: { id: account.id, name: account.name, role: account.role }, createdBy: actor.label } });
    return account;
  });
  return toObject(created);
}

/** Disables (its tokens answer 403 permission denied) or enables a service account. Doing what is already so changes nothing. */
export async function setServiceAccountDisabled(actor: Actor, serviceAccountId: string, disabled: boolean, options: { auditDetails?: Record<string, unknown> } = {}): Promise<ServiceAccountObject> {
  refuseUnlessFullAdmin(actor);
  const changed = await transaction(async (tx) => {
    const account = await liveAccount(tx, actor, serviceAccountId);
    if (disabled === (account.disabledAt !== null)) return false;
    // Only from the state read: of two requests at once, one changes it and writes the one audit entry.
    const { count } = await tx.serviceAccount.updateMany({
      where: { id: account.id, tenantId: actor.tenantId, deletedAt: null, disabledAt: disabled ? null : { not: null } },
      data: { disabledAt: disabled ? new Date() : null },
    });
    if (count === 0) return false;
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: disabled ? "serviceAccount.disabled" : "serviceAccount.enabled", targetType: "SERVICE_ACCOUNT", targetId: account.id, targetLabel: account.name, details: { name: account.name, ...options.auditDetails } },
      tx,
    );
    const serviceAccount = { id: account.id, name: account.name, role: account.role };
    await enqueueWebhookEvent(
      tx,
      disabled
        ? { tenantId: actor.tenantId, type: "service_account.disabled", data: { serviceAccount, disabledBy: actor.label } }
        : { tenantId: actor.tenantId, type: "service_account.enabled", data: { serviceAccount, enabledBy: actor.label } },
    );
    return true;
  });
  // Answers once every instance refuses (or accepts again) the account's tokens.
  if (changed) await forgetCachedTokensOfServiceAccount(serviceAccountId);
  return getServiceAccount(actor, serviceAccountId);
}

/** Deletes a service account and revokes its live tokens (each then answers 401), in one transaction. */
export async function deleteServiceAccount(actor: Actor, serviceAccountId: string, options: { via?: TokenEventVia; auditDetails?: Record<string, unknown> } = {}): Promise<{ name: string; revokedTokens: number }> {
  refuseUnlessFullAdmin(actor);
  const now = new Date();
  const result = await transaction(async (tx) => {
    const account = await liveAccount(tx, actor, serviceAccountId);
    const { count } = await tx.serviceAccount.updateMany({ where: { id: account.id, tenantId: actor.tenantId, deletedAt: null }, data: { deletedAt: now } });
    if (count === 0) throw new AppError("not_found", NO_SUCH_SERVICE_ACCOUNT);
    const tokens = await tx.apiToken.findMany({ where: { tenantId: actor.tenantId, serviceAccountId: account.id, revokedAt: null }, select: { id: true, name: true, kind: true, userId: true } });
    if (tokens.length > 0) {
      await tx.apiToken.updateMany({ where: { tenantId: actor.tenantId, id: { in: tokens.map((token) => token.id) }, revokedAt: null }, data: { revokedAt: now, revokedByUserId: actor.userId } });
    }
    const owner = { id: account.id, name: account.name };
    const via = options.via ?? "ui";
    await recordTokenEvents(tx, actor.tenantId, tokens.map((token) => ({ action: "revoked", token, actor: { userId: actor.userId }, via, details: { serviceAccount: owner, reason: "service account deleted" } })));
    await enqueueWebhookEvents(tx, actor.tenantId, tokens.map((token) => ({ type: "token.revoked", data: tokenEventData({ ...token, serviceAccount: owner }, { revokedBy: actor.label, via }), occurredAt: now })));
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, action: "serviceAccount.deleted", targetType: "SERVICE_ACCOUNT", targetId: account.id, targetLabel: account.name, details: { name: account.name, revokedTokens: tokens.length, ...options.auditDetails } },
      tx,
    );
    await enqueueWebhookEvent(tx, { tenantId: actor.tenantId, type: "service_account.deleted", data: { serviceAccount: { ...owner, role: account.role }, deletedBy: actor.label, revokedTokens: tokens.length }, occurredAt: now });
    return { name: account.name, revokedTokens: tokens.length };
  });
  await forgetCachedTokensOfServiceAccount(serviceAccountId);
  return result;
}

/**
 * A new API token owned by the service account, with the options of a person's token (expiry under the
 * tenant's policy, narrowed scopes, allowed IP ranges). It holds the account's role ∩ the chosen scopes,
 * and never more than its maker: the maker's role, and through the API the calling token (its scopes,
 * its IP ranges, its lifetime). A disabled account gets no new token until it is enabled.
 */
export async function createServiceAccountToken(
  actor: Actor,
  serviceAccountId: string,
  input: NewApiTokenInput,
  options: { credential?: CredentialCeiling; via?: TokenEventVia; auditDetails?: Record<string, unknown> } = {},
): Promise<{ token: TokenObject; value: string }> {
  refuseUnlessFullAdmin(actor);
  const account = await db.serviceAccount.findFirst({ where: { id: serviceAccountId, tenantId: actor.tenantId, deletedAt: null } });
  if (!account) throw new AppError("not_found", NO_SUCH_SERVICE_ACCOUNT);
  if (account.disabledAt) throw new AppError("conflict", `"${account.name}" is disabled: enable it before generating a token for it.`);
  return createApiToken(actor, input, { ...options, serviceAccount: { id: account.id, name: account.name, role: account.role } });
}

/** The live tokens of one service account, newest first, for its page. */
export async function listServiceAccountTokens(actor: Actor, serviceAccountId: string) {
  refuseUnlessFullAdmin(actor);
  return db.apiToken.findMany({
    where: { tenantId: actor.tenantId, serviceAccountId, kind: "API_TOKEN", revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true, lifetimeSeconds: true, scopesJson: true, issuer: { select: { name: true, email: true } } },
  });
}
