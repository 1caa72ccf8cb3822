// What the token statuses mean, where people choose one (issue 28, items 6 and 9): the words sit beside
// the status filter as text on the page, in both themes and on a phone, and the filter's description
// carries them to screen readers. And every settings page starts with the same breadcrumb trail.
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { axeViolations } from "../support/axe";
import { setUpApp } from "../support/oauth";
import { generateToken } from "@/lib/tokens/generate-token";
import { DESKTOP, PHONE } from "./ui-support";

const MEANINGS = {
  Generated: "never used yet",
  Active: "used in the last 7 days",
  Inactive: "used, but not in the last 7 days",
  Expired: "past its expiry date: every call with it is refused",
};

for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test.describe(`${size}, ${scheme} theme`, () => {
      test.use({ viewport, colorScheme: scheme });

      test("the status filter says what each status means, in words on the page", async ({ page, context, tenant }) => {
        await signInContext(context, tenant.admin.email);
        await gotoReady(page, "/settings/api-tokens");
        const filter = page.getByRole("combobox", { name: "Status" });
        const meanings = page.locator("#token-status-meanings");
        for (const [status, meaning] of Object.entries(MEANINGS)) {
          const term = meanings.getByText(status, { exact: true });
          await expect(term).toBeVisible();
          await expect(meanings).toContainText(`${status}: ${meaning}`);
        }
        // Beside the filter: on the screen with it, right below it.
        await expect(meanings).toBeInViewport();
        const [filterBox, meaningsBox] = [(await filter.boundingBox())!, (await meanings.boundingBox())!];
        expect(meaningsBox.y - (filterBox.y + filterBox.height)).toBeLessThan(80);
        await expect(filter).toHaveAccessibleDescription(/Generated: never used yet.*Expired: past its expiry date/);
        const violations = await axeViolations(page);
        expect(violations.map((violation) => violation.id)).toEqual([]);
      });
    });
  }
}

test("every settings page starts with the same breadcrumb trail", async ({ page, context, tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Crumbs" });
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/webhooks");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await page.getByRole("dialog").getByRole("textbox", { name: "URL" }).fill("https://hooks.example.com/crumbs");
  await page.getByRole("dialog").getByRole("button", { name: "Add" }).click();
  await page.getByRole("dialog", { name: "Webhook added" }).getByRole("button", { name: "Close" }).click();
  const deliveryLog = (await page.getByRole("link", { name: "Delivery log of https://hooks.example.com/crumbs" }).getAttribute("href"))!;

  const trails: [string, (string | RegExp)[], string[]][] = [
    ["/settings/api-tokens", ["Settings", /Security extensions/], []],
    [`/settings/api-tokens/${token.id}`, ["Settings", /Security extensions/, /API tokens/], ["API tokens"]],
    ["/settings/siem-agents", ["Settings", /Security extensions/], []],
    ["/settings/log-collectors", ["Settings", /Security extensions/], []],
    ["/settings/token-policy", ["Settings", /Security extensions/], []],
    ["/settings/webhooks", ["Settings", /Security extensions/], []],
    [deliveryLog, ["Settings", /Security extensions/, /Webhooks/], ["Webhooks"]],
    ["/settings/users", ["Settings", /Access/], []],
    ["/settings/app-registrations", ["Settings", /Access/], []],
    [`/settings/app-registrations/${app.clientId}`, ["Settings", /Access/, /App registrations/], ["App registrations"]],
    ["/settings/audit-log", ["Settings", /Access/], []],
    ["/settings/account", ["Settings", /Access/], []],
  ];
  for (const [path, items, links] of trails) {
    await gotoReady(page, path);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByRole("listitem"), path).toHaveText(items);
    await expect(crumbs.getByRole("link"), path).toHaveText(["Settings", ...links]);
    // The trail comes right before the page's heading, as everywhere.
    const [trailBox, headingBox] = [(await crumbs.boundingBox())!, (await page.getByRole("heading", { level: 1 }).boundingBox())!];
    expect(headingBox.y, path).toBeGreaterThan(trailBox.y);
    expect(headingBox.y - trailBox.y, path).toBeLessThan(60);
  }
});
