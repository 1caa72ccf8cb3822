// The SCIM Users endpoint's operations for one tenant: list, read, create, replace, patch, delete.
// SCIM sees every person of the tenant (a person added on the Users page has their email as userName,
// so a client's `userName eq` probe finds and adopts them) but no one it deleted. Turning `active`
// off, and DELETE, deprovision exactly as the Users page does (lib/users/manage-users.ts), inside the
// one transaction of the request: nothing of a refused request is written.
import { randomUUID } from "node:crypto";
import { db, transaction, type Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";
import { provisionInTx } from "@/lib/users/manage-users";
import { isRole, type Role } from "@/lib/permissions";
import { filterToWhere } from "@/lib/scim/filter";
import { listResponse, project, type ListQuery } from "@/lib/scim/list-params";
import { applyUserPatch, patchOperationsOf } from "@/lib/scim/patch";
import { scimError } from "@/lib/scim/errors";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "@/lib/scim/schemas";
import { USER_FILTER, scimUserSelect, toScimUser, userWriteOf, type UserWrite } from "@/lib/scim/user-resource";

const NO_SUCH_USER = "No such user.";
/** A SCIM-made user signs in with single sign-on, or gets a password from an admin: no password matches this. */
const NO_PASSWORD = "!scim:no-password";
const SCHEMA_URNS = [USER_SCHEMA, ENTERPRISE_SCHEMA];

/** The Actor of a request of the tenant's provisioning client. */
export function provisioningActor(tenantId: string): Actor {
  return { tenantId, userId: null, label: "SCIM provisioning", role: null, via: "provisioning" };
}

const visible = (tenantId: string) => ({ tenantId, scimDeletedAt: null });

export async function listScimUsers(tenantId: string, query: ListQuery) {
  const filter = filterToWhere(USER_FILTER, query.filter);
  const where = { ...visible(tenantId), ...(filter ? { AND: [filter] } : {}) };
  const rows = query.count === 0 ? [] : await db.user.findMany({ where, select: scimUserSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.startIndex - 1, take: query.count });
  // A page that is not full (a probe finding one person or none) already says how many there are.
  const total = (rows.length > 0 || query.startIndex === 1) && rows.length < query.count ? query.startIndex - 1 + rows.length : await db.user.count({ where });
  return listResponse(rows.map((row) => project(toScimUser(row), query, SCHEMA_URNS)), total, query);
}

export async function getScimUser(tenantId: string, id: string, query: Pick<ListQuery, "attributes" | "excludedAttributes">) {
  const row = await db.user.findFirst({ where: { ...visible(tenantId), id }, select: scimUserSelect });
  if (!row) throw new AppError("not_found", NO_SUCH_USER);
  return project(toScimUser(row), query, SCHEMA_URNS);
}

/** Another user of the tenant whose userName is `key` (case-insensitive), deleted through SCIM or not. */
async function holderOfUserName(tx: Tx, tenantId: string, key: string, exceptId?: string) {
  return tx.user.findFirst({
    where: { tenantId, ...(exceptId ? { id: { not: exceptId } } : {}), OR: [{ scimUserNameKey: key }, { scimUserNameKey: null, email: key }] },
    select: { id: true, scimDeletedAt: true },
  });
}

const uniqueness = (userName: string) => scimError("uniqueness", `The userName "${userName}" is already taken in this tenant.`);

/** The sign-in email taken by someone else: a unique-index refusal, answered as the SCIM conflict it is. */
function asUniqueness(error: unknown, write: UserWrite): never {
  if ((error as { code?: unknown } | null)?.code === "P2002") throw scimError("uniqueness", `The email "${write.email}" already belongs to another user of this tenant.`);
  throw error;
}

function columnsOf(write: UserWrite) {
  return {
    scimUserName: write.userName,
    scimUserNameKey: write.userNameKey,
    email: write.email,
    name: write.name,
    externalId: write.externalId,
    scimAttributes: write.scimAttributes,
  };
}

/** A new user's role: the single sign-on default when it gives one, else the least: Security reader. */
async function newUserRole(tx: Tx, tenantId: string): Promise<Role> {
  const settings = await tx.singleSignOn.findUnique({ where: { tenantId }, select: { defaultRole: true } });
  return settings && isRole(settings.defaultRole) ? settings.defaultRole : "SECURITY_READER";
}

export async function createScimUser(actor: Actor, body: unknown) {
  const write = userWriteOf(body);
  const id = await transaction(async (tx) => {
    const holder = await holderOfUserName(tx, actor.tenantId, write.userNameKey);
    // A person the client deleted and now creates again is the same person: they come back.
    if (holder && !holder.scimDeletedAt) throw uniqueness(write.userName);
    if (holder) {
      await tx.user.update({ where: { id: holder.id, tenantId: actor.tenantId }, data: { scimDeletedAt: null } });
      await writeUser(tx, actor, holder.id, { ...write, active: write.active ?? true });
      return holder.id;
    }
    const created = await tx.user
      .create({ data: { id: randomUUID(), tenantId: actor.tenantId, role: await newUserRole(tx, actor.tenantId), passwordHash: NO_PASSWORD, ...columnsOf(write), ...(write.active === false ? { deprovisionedAt: new Date() } : {}) } })
      .catch((error: unknown) => asUniqueness(error, write));
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: null, actorLabel: actor.label, action: "user.created", targetType: "USER", targetId: created.id, details: { email: created.email, role: created.role, via: "provisioning" } },
      tx,
    );
    return created.id;
  });
  await forgetCachedTokensOfUser(id);
  return getScimUser(actor.tenantId, id, { attributes: null, excludedAttributes: null });
}

/** Writes a whole User over the user's columns, and deprovisions or reprovisions by `active`, in the caller's transaction. */
async function writeUser(tx: Tx, actor: Actor, id: string, write: UserWrite): Promise<void> {
  if (await holderOfUserName(tx, actor.tenantId, write.userNameKey, id)) throw uniqueness(write.userName);
  const before = await tx.user.findFirst({ where: { ...visible(actor.tenantId), id } });
  if (!before) throw new AppError("not_found", NO_SUCH_USER);
  const columns = columnsOf(write);
  const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((key) => before[key] !== columns[key]);
  if (changed.length) {
    const after = await tx.user.update({ where: { id, tenantId: actor.tenantId }, data: columns }).catch((error: unknown) => asUniqueness(error, write));
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: null, actorLabel: actor.label, action: "user.updated", targetType: "USER", targetId: id, details: { email: after.email, fields: changed, via: "provisioning" } },
      tx,
    );
  }
  if (write.active !== undefined) await provisionInTx(tx, actor, { ...before, email: columns.email, name: columns.name }, write.active);
}

async function change(actor: Actor, id: string, apply: (tx: Tx) => Promise<void>) {
  await transaction(apply);
  // Deprovisioning, reprovisioning or a new email: every instance drops the user's cached tokens before this answers.
  await forgetCachedTokensOfUser(id);
  return getScimUser(actor.tenantId, id, { attributes: null, excludedAttributes: null });
}

export async function replaceScimUser(actor: Actor, id: string, body: unknown) {
  const write = userWriteOf(body);
  return change(actor, id, (tx) => writeUser(tx, actor, id, write));
}

export async function patchScimUser(actor: Actor, id: string, body: unknown) {
  const operations = patchOperationsOf(body);
  return change(actor, id, async (tx) => {
    const row = await tx.user.findFirst({ where: { ...visible(actor.tenantId), id }, select: scimUserSelect });
    if (!row) throw new AppError("not_found", NO_SUCH_USER);
    const current = toScimUser(row);
    const patched = applyUserPatch(current, operations);
    const write = userWriteOf(patched);
    // `active` is written only when the PATCH changed it: deprovisioning follows what the client asked.
    await writeUser(tx, actor, id, { ...write, active: write.active === current.active ? undefined : write.active });
  });
}

/** Deprovisions the user as the Users page does, and hides them from SCIM from now on. */
export async function deleteScimUser(actor: Actor, id: string): Promise<void> {
  await transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { ...visible(actor.tenantId), id } });
    if (!user) throw new AppError("not_found", NO_SUCH_USER);
    await provisionInTx(tx, actor, user, false);
    await tx.scimGroupMember.deleteMany({ where: { tenantId: actor.tenantId, userId: id } });
    await tx.user.update({ where: { id, tenantId: actor.tenantId }, data: { scimDeletedAt: new Date() } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: null, actorLabel: actor.label, action: "user.deleted", targetType: "USER", targetId: id, details: { email: user.email, via: "provisioning" } }, tx);
  });
  await forgetCachedTokensOfUser(id);
}
