// A token carries its issuer's role as it is at each request: the admin changes the role in the UI,
// and the very next call with the same token follows.
import { generateToken } from "@/lib/tokens/generate-token";
import { resourceIdsOf } from "../support/e2e-data";
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

test("the last active Global administrator can be neither demoted nor deprovisioned", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Change role of ${tenant.admin.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.admin.name}` });
  await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security reader" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("last active Global administrator");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: `Deprovision ${tenant.admin.name}` }).click();
  await page.getByRole("dialog", { name: `Deprovision ${tenant.admin.name}?` }).getByRole("button", { name: "Deprovision" }).click();
  await expect(page.getByTestId("toasts")).toContainText("last active Global administrator");
  await expect(page.getByRole("row").filter({ hasText: tenant.admin.name })).toContainText("Global administrator");
  await expect(page.getByRole("row").filter({ hasText: tenant.admin.name })).toContainText("Active");
});
