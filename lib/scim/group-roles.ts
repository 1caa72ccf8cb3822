// Roles from provisioned groups. Once a person is in a group named on the single sign-on page (by its
// displayName or externalId), their role follows their groups: the highest named group's role, else the
// default role; the default "No access" deprovisions them. People never placed in a named group keep
// the role an admin gave them. Role and provisioning changes go through the Users page's own functions,
// inside the caller's transaction, so a refusal (the last Global administrator) undoes the whole request.
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/actor";
import { isDefaultRole, roleForGroups, roleOfGroups, type RoleGroups } from "@/lib/identity/role-groups";
import { changeRoleInTx, provisionInTx } from "@/lib/users/manage-users";

/** The tenant's group → role mapping, or null when single sign-on names no group. */
export async function roleMapping(tx: Tx, tenantId: string): Promise<RoleGroups | null> {
  const row = await tx.singleSignOn.findUnique({ where: { tenantId }, select: { adminGroup: true, operatorGroup: true, readerGroup: true, defaultRole: true } });
  if (!row || !(row.adminGroup || row.operatorGroup || row.readerGroup)) return null;
  return { adminGroup: row.adminGroup, operatorGroup: row.operatorGroup, readerGroup: row.readerGroup, defaultRole: isDefaultRole(row.defaultRole) ? row.defaultRole : "NONE" };
}

/** Whether a group is one the mapping names (its displayName or externalId). */
export function isNamedGroup(mapping: RoleGroups, group: { displayName: string; externalId: string | null }): boolean {
  return roleOfGroups(mapping, [group.displayName, ...(group.externalId ? [group.externalId] : [])]) !== null;
}

/**
 * Brings each user's role in line with their groups (see above). Returns the ids whose role or state
 * changed, whose cached tokens the caller drops once the transaction has committed.
 */
export async function applyGroupRoles(tx: Tx, actor: Actor, mapping: RoleGroups, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const users = await tx.user.findMany({
    where: { tenantId: actor.tenantId, id: { in: [...userIds] } },
    select: {
      id: true,
      tenantId: true,
      email: true,
      name: true,
      role: true,
      deprovisionedAt: true,
      roleFromGroups: true,
      scimGroups: { select: { group: { select: { displayName: true, externalId: true } } } },
    },
  });
  const changed: string[] = [];
  for (const user of users) {
    const names = user.scimGroups.flatMap(({ group }) => [group.displayName, ...(group.externalId ? [group.externalId] : [])]);
    const inNamedGroup = roleOfGroups(mapping, names) !== null;
    if (!inNamedGroup && !user.roleFromGroups) continue;
    if (!user.roleFromGroups) await tx.user.update({ where: { id: user.id, tenantId: actor.tenantId }, data: { roleFromGroups: true } });
    const role = roleForGroups(mapping, names);
    if (role === "NONE") {
      if (user.deprovisionedAt === null) {
        await provisionInTx(tx, actor, user, false);
        changed.push(user.id);
      }
    } else if (role !== user.role) {
      await changeRoleInTx(tx, actor, user, role);
      changed.push(user.id);
    }
  }
  return changed;
}
