// SCIM groups against a real, freshly migrated SQLite database: membership in a group named on the
// single sign-on page decides the role, "No access" deprovisions, and refusals change nothing.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createScimUser, provisioningActor } from "@/lib/scim/users";
import { createScimGroup, deleteScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";
import { listQueryOf } from "@/lib/scim/list-params";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

async function tenantWithMapping() {
  const made = await createTenant({ slug: `g-${randomBytes(4).toString("hex")}`, name: "Groups" });
  const admin = await createUser({ tenantId: made.id, email: `admin@${made.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  await db.singleSignOn.create({
    data: { tenantId: made.id, issuerUrl: "https://idp.test", clientId: "c", sealedClientSecret: "s", adminGroup: "Keyport Admins", operatorGroup: "ops-object-id", readerGroup: "Keyport Readers", defaultRole: "NONE" },
  });
  return { tenant: made, admin, actor: provisioningActor(made.id) };
}

const role = async (tenantId: string, id: string) => db.user.findFirstOrThrow({ where: { tenantId, id }, select: { role: true, deprovisionedAt: true, roleFromGroups: true } });

describe("SCIM groups", () => {
  it("gives the highest named group's role, then the default (No access: deprovisioned) when the person leaves them", async () => {
    const { tenant, actor } = await tenantWithMapping();
    const nina = await createScimUser(actor, { schemas: [USER], userName: "nina@g.test" });
    const ninaId = nina.id as string;
    const readers = await createScimGroup(actor, { schemas: [GROUP], displayName: "keyport readers", members: [{ value: ninaId }] });
    expect(await role(tenant.id, ninaId)).toMatchObject({ role: "SECURITY_READER", roleFromGroups: true, deprovisionedAt: null });
    const ops = await createScimGroup(actor, { schemas: [GROUP], displayName: "Operators", externalId: "ops-object-id" });
    await patchScimGroup(actor, ops.id as string, { schemas: [PATCH], Operations: [{ op: "Add", path: "members", value: [{ value: ninaId }] }] });
    expect(await role(tenant.id, ninaId)).toMatchObject({ role: "SECURITY_OPERATOR" });
    await patchScimGroup(actor, ops.id as string, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${ninaId}"]` }] });
    expect(await role(tenant.id, ninaId)).toMatchObject({ role: "SECURITY_READER" });
    await deleteScimGroup(actor, readers.id as string);
    expect((await role(tenant.id, ninaId)).deprovisionedAt).not.toBeNull();

    const filtered = await listScimGroups(tenant.id, listQueryOf(new URL(`http://x/?filter=${encodeURIComponent('displayName eq "OPERATORS"')}&excludedAttributes=members`)));
    expect(filtered.totalResults).toBe(1);
    expect(filtered.Resources[0]).not.toHaveProperty("members");
  });

  it("leaves people never placed in a named group alone, and refuses unknown members, 10 000 members and the last admin's demotion with nothing changed", async () => {
    const { tenant, admin, actor } = await tenantWithMapping();
    const group = await createScimGroup(actor, { schemas: [GROUP], displayName: "Everyone", members: [{ value: admin.id }] });
    expect(await role(tenant.id, admin.id)).toMatchObject({ role: "GLOBAL_ADMIN", roleFromGroups: false });

    const unknown = await patchScimGroup(actor, group.id as string, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: "nobody" }] }] }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(AppError);
    const many = Array.from({ length: 10_000 }, (_, index) => ({ value: `user-${index}` }));
    await expect(patchScimGroup(actor, group.id as string, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: many }] })).rejects.toMatchObject({ details: { scimType: ["invalidValue"] } });

    const admins = await createScimGroup(actor, { schemas: [GROUP], displayName: "Keyport Admins", members: [{ value: admin.id }] });
    expect(await role(tenant.id, admin.id)).toMatchObject({ role: "GLOBAL_ADMIN", roleFromGroups: true });
    // Out of the admins' group, the default is No access: the tenant's last Global administrator stays, and so does the group's membership.
    const refused = await replaceScimGroup(actor, admins.id as string, { schemas: [GROUP], displayName: "Keyport Admins", members: [] }).catch((error: unknown) => error);
    expect((refused as AppError).status).toBe(409);
    expect(await db.scimGroupMember.count({ where: { tenantId: tenant.id, groupId: admins.id as string } })).toBe(1);
    expect(await role(tenant.id, admin.id)).toMatchObject({ role: "GLOBAL_ADMIN", deprovisionedAt: null });
  });
});
