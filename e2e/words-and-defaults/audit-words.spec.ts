// Audit details people can read: the audit log's details dialog and a token page's audit section show
// names instead of ids, times in the reader's time zone, "1 hour" instead of 3600 and scopes as chips;
// the stored entry (JSON, ISO times, ids) only behind "Show raw".
import { createApiToken } from "@/lib/tokens/create-api-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf } from "../token-controls/support";
import { axeViolations } from "../support/axe";

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test.use({ timezoneId: "America/New_York", locale: "en-US" });

test("the details dialog and the token page read as words, with the raw entry behind Show raw", async ({ page, context, tenant }) => {
  const made = await createApiToken(actorOf(tenant, tenant.operator), { name: "Readable", scopes: ["Investigation.manage", "Settings.read"], expiration: { kind: "days", days: 30 } });
  const rotated = await rotateApiToken(actorOf(tenant, tenant.admin), made.token.id, { graceSeconds: 3600 });

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/audit-log");
  await page.getByRole("button", { name: "Details of Token rotated: Readable" }).click();
  const pane = page.getByRole("dialog", { name: "Token rotated" });
  const field = (label: string) => pane.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(field("Grace period")).toHaveText("1 hour");
  await expect(field("Issuer")).toHaveText(tenant.operator.email);
  await expect(field("How")).toHaveText("Portal");
  // Times as the reader's clock shows them.
  const expected = await page.evaluate((iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }), rotated.previousValidUntil!.toISOString());
  await expect(field("Previous value valid until")).toHaveText(expected);
  const visible = await pane.innerText();
  expect(visible).not.toMatch(ISO);
  expect(visible).not.toMatch(UUID);
  expect(visible).not.toContain("3600");
  expect(visible).not.toContain("{");
  expect((await axeViolations(page, "dialog[open]")).map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("audit-details.png") });
  await pane.getByText("Show raw", { exact: true }).click();
  await expect(pane.locator("pre")).toContainText('"gracePeriodSeconds": 3600');
  await expect(pane.locator("pre")).toContainText(made.token.id);
  await pane.getByRole("button", { name: "Close", exact: true }).click();

  // The generated entry's scopes are chips.
  await page.getByRole("button", { name: "Details of Token generated: Readable" }).click();
  const generated = page.getByRole("dialog", { name: "Token generated" });
  await expect(generated.getByRole("list", { name: "Scopes" }).getByRole("listitem")).toHaveText(["Investigation.manage", "Settings.read"]);
  await generated.getByRole("button", { name: "Close", exact: true }).click();

  // The token's own page: the same words in its audit section.
  await gotoReady(page, `/settings/api-tokens/${made.token.id}`);
  const audit = page.getByRole("table", { name: "Audit entries" });
  const rotatedRow = audit.locator("tbody tr").filter({ hasText: "Rotated" });
  await expect(rotatedRow).toContainText("Grace period:1 hour");
  await expect(rotatedRow).toContainText(`Issuer:${tenant.operator.email}`);
  const generatedRow = audit.locator("tbody tr").filter({ hasText: "Generated" });
  await expect(generatedRow.getByRole("list", { name: "Scopes" }).getByRole("listitem")).toHaveText(["Investigation.manage", "Settings.read"]);
  const text = await audit.innerText();
  expect(text).not.toMatch(ISO);
  expect(text).not.toMatch(UUID);
  expect((await axeViolations(page)).map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("token-page.png"), fullPage: true });
  await rotatedRow.getByText("Show raw", { exact: true }).click();
  await expect(rotatedRow.locator("pre")).toContainText('"gracePeriodSeconds": 3600');
});
