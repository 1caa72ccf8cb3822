// Issue 5: every user-management change lands in the audit trail, and a full admin reads it there.
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an admin changes a role and deprovisions a user, then reads both in the Audit log with who did it", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  await page.getByRole("button", { name: `Change role of ${tenant.reader.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change the role of ${tenant.reader.name}` });
  await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security operator" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("toasts")).toContainText("is now Security operator");
  await page.getByRole("button", { name: `Deprovision ${tenant.operator.name}` }).click();
  await page.getByRole("dialog", { name: `Deprovision ${tenant.operator.name}?` }).getByRole("button", { name: "Deprovision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is deprovisioned" })).toBeVisible();

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  const roleChange = log.getByRole("row").filter({ hasText: "Role changed" });
  await expect(roleChange).toContainText(tenant.admin.email);
  await expect(roleChange).toContainText(tenant.reader.email);
  await expect(roleChange).toContainText("Security reader → Security operator");
  const deprovision = log.getByRole("row").filter({ hasText: "User deprovisioned" });
  await expect(deprovision).toContainText(tenant.operator.email);
  // Newest first: the deprovisioning came last, so it is listed above the role change.
  const activities = await log.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(activities.findIndex((text) => text.startsWith("User deprovisioned"))).toBeLessThan(activities.findIndex((text) => text.startsWith("Role changed")));
});
