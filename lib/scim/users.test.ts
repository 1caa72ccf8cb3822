// The SCIM Users operations against a real, freshly migrated SQLite database: what Entra ID and Okta
// send, deprovisioning as the Users page does it, and refusals that leave nothing half-written.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, provisioningActor, replaceScimUser } from "@/lib/scim/users";
import { listQueryOf } from "@/lib/scim/list-params";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

async function tenant() {
  const made = await createTenant({ slug: `s-${randomBytes(4).toString("hex")}`, name: "Scim" });
  const admin = await createUser({ tenantId: made.id, email: `admin@${made.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenant: made, admin, actor: provisioningActor(made.id) };
}

const query = (search: string) => listQueryOf(new URL(`http://x/scim/v2/Users?${search}`));
const all = { attributes: null, excludedAttributes: null };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("SCIM users", () => {
  it("finds a person added on the Users page by Entra ID's userName probe, in any letter case", async () => {
    const { tenant: made, admin } = await tenant();
    const found = await listScimUsers(made.id, query(`filter=${encodeURIComponent(`userName eq "ADMIN@${made.slug}.test"`)}`));
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]).toMatchObject({ id: admin.id, userName: admin.email, active: true, emails: [{ value: admin.email, primary: true }] });
  });

  it("creates an Entra ID user with the enterprise extension, refuses the same userName in another case, and filters every way", async () => {
    const { tenant: made, actor } = await tenant();
    const created = await createScimUser(actor, {
      schemas: [USER, ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee@contoso.test",
      active: true,
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b@contoso.test" }],
      displayName: "Test User",
      name: { formatted: "given family", familyName: "family", givenName: "given" },
      [ENTERPRISE]: { employeeNumber: "123", department: "Security" },
    });
    expect(created).toMatchObject({ userName: "Test_User_ab6490ee@contoso.test", displayName: "Test User", active: true, [ENTERPRISE]: { department: "Security" } });
    const row = await db.user.findFirstOrThrow({ where: { tenantId: made.id, id: created.id as string } });
    expect(row.email).toBe("test_user_ab6490ee@contoso.test");
    expect(row.role).toBe("SECURITY_READER");
    expect((await refusal(createScimUser(actor, { schemas: [USER], userName: "TEST_USER_AB6490EE@contoso.test" }))).details).toEqual({ scimType: ["uniqueness"] });

    const count = async (filter: string) => (await listScimUsers(made.id, query(`filter=${encodeURIComponent(filter)}`))).totalResults;
    expect(await count('userName sw "test_user"')).toBe(1);
    expect(await count('userName ne "test_user_ab6490ee@contoso.test"')).toBe(1);
    expect(await count('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')).toBe(1);
    expect(await count("externalId pr")).toBe(1);
    expect(await count("not (externalId pr)")).toBe(1);
    expect(await count('emails[type eq "work" and value ew "contoso.test"]')).toBe(1);
    expect(await count('displayName co "User" and (active eq true or active eq false)')).toBe(1);
    expect(await count('meta.created gt "2000-01-01T00:00:00Z"')).toBe(2);
    await expect(listScimUsers(made.id, query(`filter=${encodeURIComponent("name.givenName eq \"x\"")}`))).rejects.toMatchObject({ details: { scimType: ["invalidFilter"] } });
    await expect(listScimUsers(made.id, query("filter=userName%20eq"))).rejects.toMatchObject({ details: { scimType: ["invalidFilter"] } });

    const page = await listScimUsers(made.id, query("startIndex=2&count=1&attributes=userName"));
    expect(page).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
    expect(Object.keys(page.Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
  });

  it("deprovisions with Entra ID's PATCH (no path, Replace, \"False\"), reprovisions, and refuses the last Global administrator", async () => {
    const { tenant: made, admin, actor } = await tenant();
    const user = await createScimUser(actor, { schemas: [USER], userName: "nina@x.test", emails: [{ value: "nina@x.test", type: "work", primary: true }] });
    const deprovisioned = await patchScimUser(actor, user.id as string, { schemas: [PATCH], Operations: [{ op: "Replace", value: { active: "False", "name.givenName": "Nina" } }] });
    expect(deprovisioned).toMatchObject({ active: false, name: { givenName: "Nina" } });
    const row = await db.user.findFirstOrThrow({ where: { tenantId: made.id, id: user.id as string } });
    expect(row.deprovisionedAt).not.toBeNull();
    expect(row.sessionVersion).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { tenantId: made.id, targetId: row.id, action: "user.deprovisioned" } });
    expect(JSON.parse(audit[0].details)).toMatchObject({ via: "provisioning", actor: "SCIM provisioning" });
    await patchScimUser(actor, user.id as string, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: true }] });
    expect((await getScimUser(made.id, user.id as string, all)).active).toBe(true);

    const last = await refusal(patchScimUser(actor, admin.id, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Renamed" }, { op: "replace", path: "active", value: false }] }));
    expect(last.status).toBe(409);
    const unchanged = await db.user.findFirstOrThrow({ where: { tenantId: made.id, id: admin.id } });
    expect(unchanged).toMatchObject({ name: "Admin", deprovisionedAt: null });
  });

  it("applies value paths and enterprise paths, refuses an unknown path with nothing changed, and DELETE hides the user", async () => {
    const { tenant: made, actor } = await tenant();
    const user = await createScimUser(actor, { schemas: [USER], userName: "omar", emails: [{ value: "omar@x.test", type: "work", primary: true }] });
    const patched = await patchScimUser(actor, user.id as string, {
      schemas: [PATCH],
      Operations: [
        { op: "replace", path: 'emails[type eq "work"].value', value: "omar.new@x.test" },
        { op: "add", path: `${ENTERPRISE}:manager`, value: { value: "boss-id" } },
        { op: "Add", path: "Title", value: "Analyst" },
      ],
    });
    expect(patched).toMatchObject({ emails: [{ value: "omar.new@x.test" }], title: "Analyst", [ENTERPRISE]: { manager: { value: "boss-id" } } });
    expect((await db.user.findFirstOrThrow({ where: { tenantId: made.id, id: user.id as string } })).email).toBe("omar.new@x.test");

    const bad = await refusal(patchScimUser(actor, user.id as string, { schemas: [PATCH], Operations: [{ op: "replace", path: "title", value: "Boss" }, { op: "replace", path: "shoeSize", value: 44 }] }));
    expect(bad.details).toEqual({ scimType: ["invalidPath"] });
    expect((await getScimUser(made.id, user.id as string, all)).title).toBe("Analyst");

    const put = await replaceScimUser(actor, user.id as string, { schemas: [USER], userName: "omar", active: false });
    expect(put).toMatchObject({ active: false });
    await deleteScimUser(actor, user.id as string);
    expect((await refusal(getScimUser(made.id, user.id as string, all))).status).toBe(404);
    const other = await tenant();
    expect((await refusal(getScimUser(other.tenant.id, made.id, all))).status).toBe(404);
  });
});
