// The SCIM Groups endpoint's operations for one tenant: list, read, create, replace, patch (members
// added and removed as Entra ID and Okta send them), delete. A group named on the single sign-on page
// gives its members their role (lib/scim/group-roles.ts): a membership change reaches the members'
// tokens before the request answers, and a refused role change (the last Global administrator) undoes
// the whole request.
import { randomUUID } from "node:crypto";
import { db, transaction, type Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forgetCachedTokensOfUser } from "@/lib/tokens/token-cache";
import { filterToWhere, dateColumn, stringColumn, type FilterSchema, type AttributeFilter } from "@/lib/scim/filter";
import { listResponse, project, type ListQuery } from "@/lib/scim/list-params";
import { patchOperationsOf, type PatchOperation } from "@/lib/scim/patch";
import { applyGroupRoles, isNamedGroup, roleMapping } from "@/lib/scim/group-roles";
import { scimError } from "@/lib/scim/errors";
import { GROUP_SCHEMA, canonicalGroup, checkSchemas } from "@/lib/scim/schemas";
import { scimBase, versionOf } from "@/lib/scim/user-resource";
import { parse } from "scim2-parse-filter";

const NO_SUCH_GROUP = "No such group.";
/** Entra ID names this schema of its own in every group it creates; it adds no attribute Keyport keeps. */
const ENTRA_GROUP_SCHEMA = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
/** Members one request may add, remove or set: more than any client sends at once (Entra ID sends batches of at most a few hundred). */
export const MAX_MEMBERS_PER_REQUEST = 1_000;

const groupSelect = {
  id: true,
  displayName: true,
  externalId: true,
  createdAt: true,
  updatedAt: true,
  members: { where: { user: { scimDeletedAt: null } }, select: { user: { select: { id: true, name: true } } } },
} as const;

type GroupRow = { id: string; displayName: string; externalId: string | null; createdAt: Date; updatedAt: Date; members: { user: { id: string; name: string } }[] };

function toScimGroup(row: GroupRow): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    members: row.members.map(({ user }) => ({ value: user.id, display: user.name, $ref: `${scimBase()}/Users/${user.id}`, type: "User" })),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${scimBase()}/Groups/${row.id}`, version: versionOf(row.updatedAt) },
  };
}

const memberFilter: AttributeFilter = (op, value) => {
  if (op === "pr") return { members: { some: {} } };
  return { members: { some: stringColumn("userId")(op, value) } };
};

export const GROUP_FILTER: FilterSchema = {
  schemaUrn: GROUP_SCHEMA,
  attributes: {
    id: stringColumn("id"),
    displayname: stringColumn("displayNameKey", { lowerCase: true }),
    externalid: stringColumn("externalId", { nullable: true }),
    members: memberFilter,
    "members.value": memberFilter,
    "meta.created": dateColumn("createdAt"),
    "meta.lastmodified": dateColumn("updatedAt"),
  },
};

export async function listScimGroups(tenantId: string, query: ListQuery) {
  const filter = filterToWhere(GROUP_FILTER, query.filter);
  const where = { tenantId, ...(filter ? { AND: [filter] } : {}) };
  const rows = query.count === 0 ? [] : await db.scimGroup.findMany({ where, select: groupSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.startIndex - 1, take: query.count });
  // A page that is not full (a probe finding one person or none) already says how many there are.
  const total = (rows.length > 0 || query.startIndex === 1) && rows.length < query.count ? query.startIndex - 1 + rows.length : await db.scimGroup.count({ where });
  return listResponse(rows.map((row) => project(toScimGroup(row), query, [GROUP_SCHEMA])), total, query);
}

export async function getScimGroup(tenantId: string, id: string, query: Pick<ListQuery, "attributes" | "excludedAttributes">) {
  const row = await db.scimGroup.findFirst({ where: { tenantId, id }, select: groupSelect });
  if (!row) throw new AppError("not_found", NO_SUCH_GROUP);
  return project(toScimGroup(row), query, [GROUP_SCHEMA]);
}

type GroupWrite = { displayName: string; externalId: string | null | undefined; members: string[] | undefined };

function memberIdsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  if (list.length > MAX_MEMBERS_PER_REQUEST) throw scimError("invalidValue", `At most ${MAX_MEMBERS_PER_REQUEST} members a request: send the rest in further requests.`);
  return [
    ...new Set(
      list.map((member) => {
        const id = typeof member === "object" && member !== null ? (member as Record<string, unknown>).value ?? Object.entries(member).find(([key]) => key.toLowerCase() === "value")?.[1] : member;
        if (typeof id !== "string" || id === "") throw scimError("invalidValue", 'Each member is an object with the user\'s id as "value".');
        return id;
      }),
    ),
  ];
}

function groupWriteOf(body: unknown): GroupWrite {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw scimError("invalidSyntax", "The body is a JSON object: a SCIM Group.");
  const raw = body as Record<string, unknown>;
  const schemasKey = Object.keys(raw).find((key) => key.toLowerCase() === "schemas");
  checkSchemas(schemasKey ? raw[schemasKey] : undefined, GROUP_SCHEMA, [GROUP_SCHEMA, ENTRA_GROUP_SCHEMA]);
  const group = canonicalGroup(raw);
  const displayName = typeof group.displayName === "string" ? group.displayName.trim() : "";
  if (!displayName || displayName.length > 256) throw scimError("invalidValue", '"displayName" is required (at most 256 characters).');
  if (group.externalId !== undefined && group.externalId !== null && typeof group.externalId !== "string") throw scimError("invalidValue", '"externalId" is a string.');
  return { displayName, externalId: group.externalId as string | null | undefined, members: group.members === undefined ? undefined : memberIdsOf(group.members) };
}

/** Refuses ids that are not visible users of the tenant (another tenant's id is as unknown as a made-up one). */
async function checkMembers(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.user.findMany({ where: { tenantId, scimDeletedAt: null, id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) {
    const known = new Set(found.map((user) => user.id));
    throw scimError("invalidValue", `No such user: ${ids.filter((id) => !known.has(id)).slice(0, 5).join(", ")}.`);
  }
}

async function displayNameTaken(tx: Tx, tenantId: string, displayName: string, exceptId?: string): Promise<void> {
  const holder = await tx.scimGroup.findFirst({ where: { tenantId, displayNameKey: displayName.toLowerCase(), ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (holder) throw scimError("uniqueness", `A group named "${displayName}" already exists in this tenant.`);
}

type Change = { displayName?: string; externalId?: string | null; add?: string[]; remove?: string[]; set?: string[] };

/** Applies a change to a group in the caller's transaction; returns the users whose role or state changed. */
async function changeGroup(tx: Tx, actor: Actor, id: string, change: Change, action: "group.created" | "group.updated"): Promise<string[]> {
  const before = await tx.scimGroup.findFirst({ where: { tenantId: actor.tenantId, id }, select: { displayName: true, externalId: true, members: { select: { userId: true } } } });
  if (!before) throw new AppError("not_found", NO_SUCH_GROUP);
  const current = new Set(before.members.map((member) => member.userId));
  const target = new Set(change.set ?? current);
  for (const userId of change.add ?? []) target.add(userId);
  for (const userId of change.remove ?? []) target.delete(userId);
  const added = [...target].filter((userId) => !current.has(userId));
  const removed = [...current].filter((userId) => !target.has(userId));
  await checkMembers(tx, actor.tenantId, added);
  const after = { displayName: change.displayName ?? before.displayName, externalId: change.externalId === undefined ? before.externalId : change.externalId };
  if (after.displayName !== before.displayName) await displayNameTaken(tx, actor.tenantId, after.displayName, id);
  await tx.scimGroup.update({ where: { id, tenantId: actor.tenantId }, data: { displayName: after.displayName, displayNameKey: after.displayName.toLowerCase(), externalId: after.externalId } });
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { tenantId: actor.tenantId, groupId: id, userId: { in: removed } } });
  if (added.length) await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ tenantId: actor.tenantId, groupId: id, userId })) });
  await recordAuditEvent(
    { tenantId: actor.tenantId, actorUserId: null, actorLabel: actor.label, action, targetType: "GROUP", targetId: id, targetLabel: after.displayName, details: { name: after.displayName, membersAdded: added.length, membersRemoved: removed.length, via: "provisioning" } },
    tx,
  );
  const mapping = await roleMapping(tx, actor.tenantId);
  if (!mapping) return [];
  const renamed = after.displayName !== before.displayName || after.externalId !== before.externalId;
  const named = isNamedGroup(mapping, before) || isNamedGroup(mapping, after);
  if (!named) return [];
  return applyGroupRoles(tx, actor, mapping, renamed ? [...new Set([...current, ...added])] : [...added, ...removed]);
}

async function committed(actor: Actor, id: string, work: (tx: Tx) => Promise<string[]>) {
  const changed = await transaction(work);
  // Every instance drops the changed users' cached tokens before the request answers.
  for (const userId of changed) await forgetCachedTokensOfUser(userId);
  return getScimGroup(actor.tenantId, id, { attributes: null, excludedAttributes: null });
}

export async function createScimGroup(actor: Actor, body: unknown) {
  const write = groupWriteOf(body);
  const id = randomUUID();
  return committed(actor, id, async (tx) => {
    await displayNameTaken(tx, actor.tenantId, write.displayName);
    await tx.scimGroup.create({ data: { id, tenantId: actor.tenantId, displayName: write.displayName, displayNameKey: write.displayName.toLowerCase(), externalId: write.externalId ?? null } });
    return changeGroup(tx, actor, id, { add: write.members ?? [] }, "group.created");
  });
}

export async function replaceScimGroup(actor: Actor, id: string, body: unknown) {
  const write = groupWriteOf(body);
  return committed(actor, id, (tx) => changeGroup(tx, actor, id, { displayName: write.displayName, externalId: write.externalId ?? null, set: write.members ?? [] }, "group.updated"));
}

/** A value path on members: `members[value eq "id"]` names one member. */
function memberOfPath(path: string): string {
  try {
    const tree = parse(path.slice(path.indexOf("[") + 1, path.lastIndexOf("]")));
    if (tree.op === "eq" && (tree as { attrPath: string }).attrPath.toLowerCase() === "value") return String((tree as { compValue: unknown }).compValue);
  } catch {
    // Refused below, as any path that names no member.
  }
  throw scimError("invalidPath", `"${path}" names no member: use members[value eq "<user id>"].`);
}

function groupChangeOf(operations: PatchOperation[]): Change {
  const change: Change = { add: [], remove: [] };
  const apply = (op: PatchOperation["op"], attribute: string, value: unknown) => {
    const name = attribute.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/, "");
    if (name === "displayname") {
      if (op === "remove" || typeof value !== "string" || !value.trim()) throw scimError("invalidValue", '"displayName" is a non-empty string.');
      change.displayName = value.trim();
    } else if (name === "externalid") {
      if (op !== "remove" && typeof value !== "string") throw scimError("invalidValue", '"externalId" is a string.');
      change.externalId = op === "remove" ? null : (value as string);
    } else if (name === "members") {
      const ids = memberIdsOf(value);
      if (op === "add") change.add!.push(...ids);
      else if (op === "replace") change.set = ids;
      // remove with a value removes those members; without one, every member.
      else if (value === undefined) change.set = [];
      else change.remove!.push(...ids);
    } else if (name.startsWith("members[")) {
      if (op !== "remove") throw scimError("invalidPath", "Add members with the path members and a list of values.");
      change.remove!.push(memberOfPath(attribute));
    } else if (name === "id" || name === "meta" || name === "schemas") {
      // Okta repeats the id in a replace without a path; it cannot change, and the same value is no change.
    } else {
      throw scimError("invalidPath", `"${attribute}" is not an attribute of a Group.`);
    }
  };
  for (const operation of operations) {
    if (operation.path !== null) apply(operation.op, operation.path, operation.value);
    else for (const [key, value] of Object.entries(operation.value as Record<string, unknown>)) apply(operation.op, key, value);
  }
  if ((change.add!.length + change.remove!.length + (change.set?.length ?? 0)) > MAX_MEMBERS_PER_REQUEST) {
    throw scimError("invalidValue", `At most ${MAX_MEMBERS_PER_REQUEST} members a request: send the rest in further requests.`);
  }
  return change;
}

export async function patchScimGroup(actor: Actor, id: string, body: unknown) {
  const change = groupChangeOf(patchOperationsOf(body));
  return committed(actor, id, (tx) => changeGroup(tx, actor, id, change, "group.updated"));
}

export async function deleteScimGroup(actor: Actor, id: string): Promise<void> {
  const changed = await transaction(async (tx) => {
    const group = await tx.scimGroup.findFirst({ where: { tenantId: actor.tenantId, id }, select: { displayName: true, externalId: true, members: { select: { userId: true } } } });
    if (!group) throw new AppError("not_found", NO_SUCH_GROUP);
    await tx.scimGroupMember.deleteMany({ where: { tenantId: actor.tenantId, groupId: id } });
    await tx.scimGroup.delete({ where: { id, tenantId: actor.tenantId } });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: null, actorLabel: actor.label, action: "group.deleted", targetType: "GROUP", targetId: id, targetLabel: group.displayName, details: { name: group.displayName, via: "provisioning" } }, tx);
    const mapping = await roleMapping(tx, actor.tenantId);
    return mapping && isNamedGroup(mapping, group) ? applyGroupRoles(tx, actor, mapping, group.members.map((member) => member.userId)) : [];
  });
  for (const userId of changed) await forgetCachedTokensOfUser(userId);
}
