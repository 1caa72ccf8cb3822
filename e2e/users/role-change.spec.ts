// A token carries its issuer's role as it is at each request: the admin changes the role in the UI,
// and the very next call with the same token follows.
import { generateToken } from "@/lib/tokens/generate-token";
import { createUser } from "@/lib/users/create-user";
import { setUserProvisioning } from "@/lib/users/manage-users";
import { resourceIdsOf } from "../support/e2e-data";
import { adminActor } from "../support/oauth";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("reader token refused a write → admin makes the user an operator → the same token writes → back to reader → refused", async ({ page, context, tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Rotating role" });
  const addRange = (name: string) => callApi("/api/v1/subnet/create_rule/", { token, body: { name, category: 1, subnets: ["10.42.0.0/16"] } });
  const closeAlert = async () => callApi("/api/v1/alerts/close_true_positive/", { token, body: { filters: { id: { eq: [(await resourceIdsOf(tenant.id)).openAlertIds[0]] } } } });

  expect((await addRange("as reader")).json.error.code).toBe("forbidden");
  expect((await closeAlert()).status).toBe(403);

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  const changeRole = async (role: string) => {
    await page.getByRole("button", { name: `Change role of ${tenant.reader.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.reader.name}` });
    await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: role });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("toasts")).toContainText(`is now ${role}`);
    await expect(page.getByRole("row").filter({ hasText: tenant.reader.name })).toContainText(role);
  };

  await changeRole("Security operator");
  expect((await addRange("as operator")).status).toBe(200);
  expect((await closeAlert()).json.closed).toBe(1);

  await changeRole("Security reader");
  const refused = await addRange("as reader again");
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("forbidden");
});

test("the last active Global administrator is not offered demotion or deprovisioning, and the server refuses them inside the dialog", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  // Alone: both controls say why they are unavailable, and do nothing.
  for (const name of [`Change role of ${tenant.admin.name}`, `Deprovision ${tenant.admin.name}`]) {
    const control = page.getByRole("button", { name });
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(/only active Global administrator/);
    await control.click({ force: true });
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }

  // With a second admin the page offers them; that admin leaves while this page is open: the server
  // still refuses, and says so inside the dialog, which stays open.
  const second = await createUser({ tenantId: tenant.id, email: `second-admin@${tenant.slug}.test`, name: "Second Admin", role: "GLOBAL_ADMIN", password: "fixture-password-1" });
  await gotoReady(page, "/settings/users");
  await expect(page.getByRole("button", { name: `Change role of ${tenant.admin.name}` })).toBeEnabled();
  await setUserProvisioning(adminActor({ id: tenant.admin.id, tenantId: tenant.id }), second.id, false);

  await page.getByRole("button", { name: `Change role of ${tenant.admin.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.admin.name}` });
  await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security reader" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("last active Global administrator");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: `Change role of ${tenant.admin.name}` })).toBeFocused();

  await page.getByRole("button", { name: `Deprovision ${tenant.admin.name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Deprovision ${tenant.admin.name}?` });
  await confirm.getByRole("button", { name: "Deprovision" }).click();
  await expect(confirm.getByRole("alert")).toContainText("last active Global administrator");
  await confirm.getByRole("button", { name: "Cancel" }).click();

  await gotoReady(page, "/settings/users");
  const row = page.getByRole("row").filter({ hasText: `${tenant.admin.name}(you)` });
  await expect(row).toContainText("Global administrator");
  await expect(row).toContainText("Active");
  await expect(page.getByRole("button", { name: `Deprovision ${tenant.admin.name}` })).toBeDisabled();
});
