// The one rule that turns identity-provider groups into a Keyport role: used at each single sign-on (the ID
// token's `groups` or `roles` claim) and for SCIM group members. Groups are matched by name or id, exactly
// as the admin entered them on Settings › Single sign-on, ignoring letter case (providers differ in it).
import type { Role } from "@/lib/permissions";

/** A role the mapping can give, or NONE: the person may not use Keyport at all. */
export type MappedRole = Role | "NONE";
export const DEFAULT_ROLES = ["NONE", "SECURITY_READER", "SECURITY_OPERATOR"] as const;
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

export interface RoleGroups {
  adminGroup: string | null;
  operatorGroup: string | null;
  readerGroup: string | null;
  defaultRole: DefaultRole;
}

/** Highest first: a person in several groups gets the highest of their roles. */
const BY_RANK: ReadonlyArray<[keyof Omit<RoleGroups, "defaultRole">, Role]> = [
  ["adminGroup", "GLOBAL_ADMIN"],
  ["operatorGroup", "SECURITY_OPERATOR"],
  ["readerGroup", "SECURITY_READER"],
];

/** The role a named group gives, or null when the groups name none of the mapping's groups. */
export function roleOfGroups(mapping: RoleGroups, groups: readonly string[]): Role | null {
  const held = new Set(groups.map((group) => group.trim().toLowerCase()));
  for (const [field, role] of BY_RANK) {
    const group = mapping[field]?.trim().toLowerCase();
    if (group && held.has(group)) return role;
  }
  return null;
}

/** The role at a sign-in: the highest mapped group's, else the default (which may be NONE). */
export function roleForGroups(mapping: RoleGroups, groups: readonly string[]): MappedRole {
  return roleOfGroups(mapping, groups) ?? mapping.defaultRole;
}

export function isDefaultRole(value: string): value is DefaultRole {
  return (DEFAULT_ROLES as readonly string[]).includes(value);
}
