// User management against a real, freshly migrated SQLite database: refusals are AppErrors with the
// sentence the person reads, and a user of another tenant is out of reach.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { authenticateUser } from "@/lib/users/authenticate-user";
import { createUser } from "@/lib/users/create-user";
import { LAST_ADMIN_MESSAGE } from "@/lib/users/last-admin-guard";
import { addUser, changeOwnPassword, listTenantUsers, resetUserPassword, setUserProvisioning, setUserRole } from "@/lib/users/manage-users";
import { NO_SUCH_USER, userIdSchema } from "@/lib/users/schemas";

const PASSWORD = "x".repeat(12);

async function tenantWithAdmin() {
  const tenant = await createTenant({ slug: `m-${randomBytes(4).toString("hex")}`, name: "Manage" });
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: PASSWORD });
  const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
  return { tenant, admin, actor };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("managing the users of a tenant", () => {
  it("adds a user with a generated password, and refuses an email taken in the same tenant with a field message", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const added = await addUser(actor, { email: ` Nina@${tenant.slug}.test `, name: "Nina", role: "SECURITY_READER" });
    expect(added.email).toBe(`nina@${tenant.slug}.test`);
    expect(added.initialPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    await expect(authenticateUser(added.email, added.initialPassword!)).resolves.toMatchObject({ id: added.id, tenantId: tenant.id });

    const taken = await refusal(addUser(actor, { email: added.email.toUpperCase(), name: "Copy", role: "SECURITY_READER", password: PASSWORD }));
    expect(taken.code).toBe("conflict");
    expect(taken.message).toBe("This email already belongs to a Keyport account.");
    expect(taken.details).toEqual({ email: ["This email already belongs to a Keyport account."] });
  });

  it("another tenant can neither reserve nor probe an address: the same email is a separate account there, and each signs in to its own tenant", async () => {
    const contoso = await tenantWithAdmin();
    const fabrikam = await tenantWithAdmin();
    const email = `shared-${contoso.tenant.slug}@example.test`;
    const original = await addUser(contoso.actor, { email, name: "Original", role: "SECURITY_READER", password: PASSWORD });
    // Fabrikam's admin adding the address learns nothing (it is simply added) and takes nothing from Contoso.
    const copy = await addUser(fabrikam.actor, { email, name: "Copy", role: "GLOBAL_ADMIN", password: "y".repeat(12) });
    expect(copy.id).not.toBe(original.id);

    // On the generic portal URL the password decides which account signs in.
    await expect(authenticateUser(email, PASSWORD)).resolves.toMatchObject({ id: original.id, tenantId: contoso.tenant.id, role: "SECURITY_READER" });
    await expect(authenticateUser(email, "y".repeat(12))).resolves.toMatchObject({ id: copy.id, tenantId: fabrikam.tenant.id });
    // On a tenant URL only that tenant's account counts.
    expect((await refusal(authenticateUser(email, PASSWORD, { tenantSlug: fabrikam.tenant.slug }))).code).toBe("unauthorized");
    await expect(authenticateUser(email, PASSWORD, { tenantSlug: contoso.tenant.slug })).resolves.toMatchObject({ id: original.id });

    // The same password in both: the generic URL cannot choose, the tenant URLs can.
    const both = `both-${contoso.tenant.slug}@example.test`;
    await addUser(contoso.actor, { email: both, name: "Both", role: "SECURITY_READER", password: PASSWORD });
    await addUser(fabrikam.actor, { email: both, name: "Both", role: "SECURITY_READER", password: PASSWORD });
    expect((await refusal(authenticateUser(both, PASSWORD))).code).toBe("conflict");
    await expect(authenticateUser(both, PASSWORD, { tenantSlug: fabrikam.tenant.slug })).resolves.toMatchObject({ tenantId: fabrikam.tenant.id });
  }, 60_000);

  it("answers a user of another tenant as no such user, and changes nothing there", async () => {
    const { actor } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    for (const attempt of [
      setUserRole(actor, other.admin.id, "SECURITY_READER"),
      setUserProvisioning(actor, other.admin.id, false),
      resetUserPassword(actor, other.admin.id),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("not_found");
      expect(error.message).toBe(NO_SUCH_USER);
    }
    const [row] = await listTenantUsers(other.tenant.id);
    expect(row).toMatchObject({ id: other.admin.id, role: "GLOBAL_ADMIN", deprovisionedAt: null });
  });

  it("refuses to demote or deprovision the last active full admin, and allows it once there is another", async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    for (const attempt of [setUserRole(actor, admin.id, "SECURITY_READER"), setUserProvisioning(actor, admin.id, false)]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("conflict");
      expect(error.message).toBe(LAST_ADMIN_MESSAGE);
    }
    const second = await addUser(actor, { email: `second@${tenant.slug}.test`, name: "Second", role: "GLOBAL_ADMIN", password: PASSWORD });
    await expect(setUserRole(actor, admin.id, "SECURITY_OPERATOR")).resolves.toBeUndefined();
    const rows = await listTenantUsers(tenant.id);
    expect(rows.find((row) => row.id === admin.id)?.role).toBe("SECURITY_OPERATOR");
    expect(rows.find((row) => row.id === second.id)?.role).toBe("GLOBAL_ADMIN");
  });

  it("a deprovisioned user cannot sign in, and can again after reprovisioning", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const user = await addUser(actor, { email: `leaver@${tenant.slug}.test`, name: "Leaver", role: "SECURITY_OPERATOR", password: PASSWORD });
    await setUserProvisioning(actor, user.id, false);
    const refused = await refusal(authenticateUser(user.email, PASSWORD));
    expect(refused.code).toBe("unauthorized");
    await setUserProvisioning(actor, user.id, true);
    await expect(authenticateUser(user.email, PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it("changing one's own password needs the current one, named as the field at fault", async () => {
    const { admin, actor } = await tenantWithAdmin();
    const wrong = await refusal(changeOwnPassword(actor, { currentPassword: "not-the-password", newPassword: "y".repeat(12) }));
    expect(wrong.message).toBe("The current password is not right.");
    expect(wrong.details).toEqual({ currentPassword: ["The current password is not right."] });
    await changeOwnPassword(actor, { currentPassword: PASSWORD, newPassword: "y".repeat(12) });
    await expect(authenticateUser(admin.email, "y".repeat(12))).resolves.toMatchObject({ id: admin.id });
  });

  it("answers a malformed user id like an unknown one", () => {
    const parsed = userIdSchema.safeParse("not-a-uuid");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(NO_SUCH_USER);
  });
});
