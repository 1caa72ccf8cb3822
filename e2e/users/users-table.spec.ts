// The Users table as an admin of a larger tenant uses it: search, a role and a state filter and sorting,
// all kept in the URL (a reload or a shared link shows the same), compact row actions with names, and
// times that stay on one line with the exact time reachable by keyboard and by touch.
import { createUser } from "@/lib/users/create-user";
import { setUserProvisioning } from "@/lib/users/manage-users";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { adminActor } from "../support/oauth";
import { PHONE } from "../ui/ui-support";

test("search, filter by role and state, and sort; the URL keeps all of it", async ({ page, context, tenant }) => {
  const extra = await createUser({ tenantId: tenant.id, email: `zed@${tenant.slug}.test`, name: "Zed Zimmer", role: "SECURITY_READER", password: "fixture-password-1" });
  await setUserProvisioning(adminActor({ id: tenant.admin.id, tenantId: tenant.id }), extra.id, false);
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  const table = page.getByRole("table", { name: "Users" });
  const names = () => table.locator("tbody tr td:first-child div.font-medium").allTextContents();
  await expect(table.getByRole("row")).toHaveCount(4 + 1);

  await page.getByRole("combobox", { name: "Filter by access" }).selectOption({ label: "Security reader" });
  await expect(page).toHaveURL(/role=SECURITY_READER/);
  await expect(table.getByRole("row")).toHaveCount(2 + 1);
  await page.getByRole("combobox", { name: "Filter by state" }).selectOption({ label: "Deprovisioned" });
  await expect(page).toHaveURL(/state=deprovisioned/);
  await expect(table.getByRole("row")).toHaveCount(1 + 1);
  await expect(table).toContainText("Zed Zimmer");
  await expect(page.getByText("1 of 4 users")).toBeVisible();

  await page.getByRole("combobox", { name: "Filter by state" }).selectOption({ label: "All states" });
  await page.getByRole("combobox", { name: "Filter by access" }).selectOption({ label: "All roles" });
  await page.getByRole("searchbox", { name: "Search users" }).fill(tenant.operator.email.toUpperCase());
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(table.getByRole("row")).toHaveCount(1 + 1);
  await expect(table).toContainText(tenant.operator.name);

  await page.getByRole("searchbox", { name: "Search users" }).fill("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(table.getByRole("row")).toHaveCount(4 + 1);
  // Sorted by name by default; the header says so, and a click turns it around.
  const nameHeader = table.getByRole("columnheader", { name: "Name" });
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await names();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(names).toEqual([...ascending].reverse());

  await table.getByRole("columnheader", { name: "State" }).getByRole("button").click();
  await expect(table.getByRole("columnheader", { name: "State" })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr").last()).toContainText("Zed Zimmer");

  // A reload (or the link, shared) shows the same view.
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "State" })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr").last()).toContainText("Zed Zimmer");

  // Unreadable values fall back to the default view instead of an error.
  await gotoReady(page, "/settings/users?role=ROOT&state=x&sort=password&dir=up");
  await expect(table.getByRole("row")).toHaveCount(4 + 1);
});

test("row actions are compact buttons that name the person; relative times stay on one line and show the exact time to the keyboard", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/users");
  const row = page.getByRole("row").filter({ hasText: tenant.reader.email });
  for (const name of [`Change role of ${tenant.reader.name}`, `Reset password of ${tenant.reader.name}`, `Deprovision ${tenant.reader.name}`]) {
    const button = row.getByRole("button", { name });
    await expect(button).toBeVisible();
    expect((await button.boundingBox())!.width).toBeLessThanOrEqual(40);
  }
  // The row is one line of text high, whatever the time says.
  const added = row.getByRole("cell").nth(4).locator("time");
  const box = (await added.boundingBox())!;
  expect(box.height).toBeLessThan(24);

  // Keyboard: the time takes focus and shows its exact date; Escape hides it.
  await added.focus();
  const tooltip = page.getByRole("tooltip");
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveText(/\d{4}/);
  await expect(added).toHaveAccessibleDescription(await tooltip.innerText());
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  await expect(added).toBeFocused();
});

test.describe("on a touch screen", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });
  test("tapping a relative time shows the exact time", async ({ page, context, tenant }) => {
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/users");
    const added = page.getByRole("row").filter({ hasText: tenant.reader.email }).getByRole("cell").nth(4).locator("time");
    await added.tap();
    await expect(page.getByRole("tooltip")).toBeVisible();
    await expect(page.getByRole("tooltip")).toHaveText(/\d{4}/);
    await page.getByRole("heading", { name: "Users", level: 1 }).tap();
    await expect(page.getByRole("tooltip")).toBeHidden();
  });
});
