// Two admins demote each other at the same moment, each on another instance: exactly one change goes
// through and the tenant keeps an active Global administrator.
//
// "At the same moment" is made certain rather than hoped for: the test holds both admins' rows locked
// from its own database session while the two clicks arrive, sees both instances wait for those rows,
// then lets go. Without the rule's own lock both would have read "the other is still an admin"
// before waiting, and both demotions would pass.
import { createUser } from "@/lib/users/create-user";
import { db } from "@/lib/db/client";
import { expect, FIXTURE_PASSWORD, gotoReady, test } from "../support/fixtures";
import { contextOnInstance } from "../support/instance-pins";
import { directClient, waitForLockWaiters } from "../support/pg-direct";

test("two admins demoting each other on two instances at once: exactly one succeeds", async ({ browser, tenant }) => {
  const second = await createUser({ tenantId: tenant.id, email: `admin2@${tenant.slug}.test`, name: `Second Admin ${tenant.slug}`, role: "GLOBAL_ADMIN", password: FIXTURE_PASSWORD });
  const first = tenant.admin;

  const pages = await Promise.all(
    [
      { instance: 0, actor: first.email, target: second.name },
      { instance: 1, actor: second.email, target: first.name },
    ].map(async ({ instance, actor, target }) => {
      const context = await contextOnInstance(browser, instance, actor);
      const page = await context.newPage();
      await gotoReady(page, "/settings/users");
      await page.getByRole("button", { name: `Change role of ${target}` }).click();
      const dialog = page.getByRole("dialog", { name: `Change the role of ${target}` });
      await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Security reader" });
      return { page, dialog, context };
    }),
  );

  const holder = await directClient();
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "User" WHERE id = ANY($1) FOR UPDATE`, [[first.id, second.id]]);
    for (const { dialog } of pages) await dialog.getByRole("button", { name: "Save" }).click();
    await waitForLockWaiters(holder, 2);
    await holder.query("COMMIT");
  } finally {
    await holder.end();
  }

  // The winner's dialog closes with a message; the loser's stays open and says why it was refused.
  const outcomes = await Promise.all(
    pages.map(async ({ page, dialog }) => {
      const demoted = page.getByRole("status").filter({ hasText: "is now Security reader" });
      const refused = dialog.getByRole("alert").filter({ hasText: "last active Global administrator" });
      await expect(demoted.or(refused)).toBeVisible();
      return (await refused.count()) > 0 ? "refused" : "demoted";
    }),
  );
  expect(outcomes.sort()).toEqual(["demoted", "refused"]);

  const admins = await db.user.findMany({ where: { tenantId: tenant.id, role: "GLOBAL_ADMIN", deprovisionedAt: null } });
  expect(admins).toHaveLength(1);
  for (const { context } of pages) await context.close();
});
