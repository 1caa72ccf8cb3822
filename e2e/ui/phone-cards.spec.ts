// Tables on a phone (issue 28, item 2): below 640 px each row of a table is a card that keeps the row's
// name, its state and its buttons on the screen together, at 390 px and at 320 px (WCAG reflow), in the
// light and the dark theme; no page scrolls sideways by a single pixel, and axe finds nothing.
import type { Locator, Page } from "@playwright/test";
import { generateToken } from "@/lib/tokens/generate-token";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { axeViolations } from "../support/axe";
import { setUpApp } from "../support/oauth";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { DESKTOP, expectNoSidewaysScroll, PHONE } from "./ui-support";

const REFLOW = { width: 320, height: 640 };
const DAY = 24 * 60 * 60 * 1000;

/** `inner` is on the screen, inside `card` (its row), without sideways scrolling. */
async function expectInCard(card: Locator, inner: Locator, width: number, what: string) {
  const cardBox = (await card.boundingBox())!;
  await inner.scrollIntoViewIfNeeded();
  const box = (await inner.boundingBox())!;
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box.x, `${what} starts on the screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends on the screen (${width} px)`).toBeLessThanOrEqual(width);
  expect(box.x, `${what} is inside its card`).toBeGreaterThanOrEqual(cardBox.x - 1);
  expect(box.x + box.width, `${what} is inside its card`).toBeLessThanOrEqual(cardBox.x + cardBox.width + 1);
}

/** The labels a row's cells show before their values (none on a wide screen, where column headers say it). */
async function cardLabels(row: Locator): Promise<string[]> {
  return row.getByRole("cell").evaluateAll((cells) =>
    cells.map((cell) => getComputedStyle(cell, "::before").content).filter((content) => content !== "none" && content !== "normal" && content !== '""').map((content) => content.replace(/^"|"$/g, "")),
  );
}

/** Nothing on the page ends past the window's right edge, and the page itself does not scroll sideways. */
async function expectReflows(page: Page, what: string) {
  await expectNoSidewaysScroll(page, what);
  const sticking = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("header *, main *")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        // What scrolls inside a box of its own (a wide table of the token details, a code sample) is
        // the box's business: the box itself is checked.
        return box.right > width + 0.5 && !element.parentElement?.closest("[data-scroll-region], pre");
      })
      .map((element) => `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`)
      .slice(0, 5);
  });
  expect(sticking, `${what}: nothing sticks out past the right edge`).toEqual([]);
}

async function expectNoAxeViolations(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`), what).toEqual([]);
}

for (const [size, viewport] of [["390 px", PHONE], ["320 px", REFLOW]] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test.describe(`on a phone, ${size} wide, ${scheme} theme`, () => {
      test.use({ viewport, colorScheme: scheme, hasTouch: true, isMobile: true });

      test("each API token is a card with its name, owner, status, expiry and buttons together", async ({ page, context, tenant }) => {
        const name = "Nightly export to the central SIEM of the security operations team";
        await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name, expiresAt: new Date(Date.now() + 3 * DAY) });
        await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Splunk production" });
        await signInContext(context, tenant.admin.email);
        await gotoReady(page, "/settings/api-tokens");
        await expectReflows(page, "API tokens");

        const card = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: name });
        await expect(card).toBeVisible();
        await expectInCard(card, card.getByRole("link", { name }), viewport.width, "the name");
        await expectInCard(card, card.getByText(tenant.operator.email), viewport.width, "the owner");
        const status = card.getByRole("cell").nth(5);
        await expect(status).toContainText("Generated");
        await expectInCard(card, status, viewport.width, "the status");
        await expectInCard(card, card.getByText("Expires this week"), viewport.width, "the expiry");
        // Each field says what it is, as the column header says it on a wider screen.
        expect(await cardLabels(card)).toEqual(expect.arrayContaining(["Generated by", "Generated", "Last used", "Expires", "Status"]));
        for (const button of [`Rotate ${name}`, `Revoke ${name}`]) await expectInCard(card, card.getByRole("button", { name: button }), viewport.width, button);
        const revoke = card.getByRole("button", { name: `Revoke ${name}` });

        // The sort buttons stay, above the cards, and still sort.
        await page.getByRole("button", { name: /^Name/ }).tap();
        await expect(page).toHaveURL(/sort=name/);
        await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
        await expectReflows(page, "API tokens, sorted");

        await revoke.tap();
        const dialog = page.getByRole("dialog", { name: "Revoke token?" });
        await dialog.getByRole("button", { name: "Revoke" }).tap();
        await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
        await expectNoAxeViolations(page, "API tokens");
      });

      test("users, webhooks, an app's permissions and secrets, and the audit log are cards too", async ({ page, context, tenant }) => {
        const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
        const hook = "https://hooks.example.com/keyport-events/a-rather-long-path-for-a-narrow-screen";
        await createWebhook({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" }, { url: hook, description: "", events: ["token.created"] }, await loadAuthSecret());
        await signInContext(context, tenant.admin.email);

        await gotoReady(page, "/settings/users");
        await expectReflows(page, "Users");
        const user = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: tenant.reader.email });
        await expectInCard(user, user.getByText(tenant.reader.name, { exact: true }), viewport.width, "the user's name");
        await expectInCard(user, user.getByRole("button", { name: `Deprovision ${tenant.reader.name}` }), viewport.width, "Deprovision");
        await expectInCard(user, user.getByRole("button", { name: `Change role of ${tenant.reader.name}` }), viewport.width, "Change role");
        await expectNoAxeViolations(page, "Users");

        await gotoReady(page, "/settings/webhooks");
        await expectReflows(page, "Webhooks");
        const webhook = page.getByRole("table", { name: "Webhooks" }).getByRole("row").filter({ hasText: hook });
        for (const button of [`Send test event to ${hook}`, `Edit ${hook}`, `Delete ${hook}`]) await expectInCard(webhook, webhook.getByRole("button", { name: button }), viewport.width, button);
        await expectInCard(webhook, webhook.getByRole("link", { name: `Delivery log of ${hook}` }), viewport.width, "Delivery log");
        await expectNoAxeViolations(page, "Webhooks");

        await gotoReady(page, `/settings/app-registrations/${app.clientId}`);
        await expectReflows(page, "an app registration");
        const permission = page.getByRole("table", { name: "API permissions" }).getByRole("row").filter({ hasText: "Investigation.read" });
        await expectInCard(permission, permission.getByRole("button", { name: "Remove Investigation.read" }), viewport.width, "Remove");
        const secret = page.getByRole("table", { name: "Client secrets" }).getByRole("row").filter({ has: page.getByRole("button", { name: /^Delete secret / }) }).first();
        await expectInCard(secret, secret.getByRole("button", { name: /^Delete secret / }), viewport.width, "Delete secret");
        await expectNoAxeViolations(page, "an app registration");

        await gotoReady(page, "/settings/audit-log");
        await expectReflows(page, "Audit log");
        const entry = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "Webhook added" });
        await expectInCard(entry, entry.getByText(hook).first(), viewport.width, "the target");
        await expectInCard(entry, entry.getByRole("button", { name: /^Details of Webhook added/ }), viewport.width, "Details");
        await expectNoAxeViolations(page, "Audit log");
      });

      test("no page of the portal sticks out past the right edge", async ({ page, context, tenant }) => {
        const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
        const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Reflow check" });
        await signInContext(context, tenant.admin.email);
        const pages = [
          "/settings/api-tokens",
          `/settings/api-tokens/${token.id}`,
          "/settings/users",
          "/settings/webhooks",
          "/settings/app-registrations",
          `/settings/app-registrations/${app.clientId}`,
          "/settings/app-registrations/decode",
          "/settings/siem-agents",
          "/settings/log-collectors",
          "/settings/token-policy",
          "/settings/audit-log",
          "/settings/account",
          "/alerts",
          "/settings/no-such-page",
        ];
        for (const path of pages) {
          await gotoReady(page, path);
          await expectReflows(page, path);
        }
        const account = page.getByRole("banner").getByRole("button", { name: "Account" });
        const box = (await account.boundingBox())!;
        expect(box.x + box.width, "the Account button ends on the screen").toBeLessThanOrEqual(viewport.width);
      });
    });
  }
}

test.describe("on a laptop (1366 px)", () => {
  test.use({ viewport: DESKTOP });

  test("the tokens table stays a table, and its short labels do not wrap", async ({ page, context, tenant }) => {
    await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Expiring", expiresAt: new Date(Date.now() + 3 * DAY) });
    await signInContext(context, tenant.admin.email);
    await gotoReady(page, "/settings/api-tokens");
    const table = page.getByRole("table", { name: "API tokens" });
    for (const header of ["Name", "Generated by", "Generated", "Last used", "Expires", "Status"]) await expect(table.getByRole("columnheader", { name: header, exact: false }).first()).toBeVisible();
    const row = table.getByRole("row").filter({ hasText: "Expiring" });
    // One line each: a badge or a header that wraps is twice as tall as its line.
    for (const short of [row.getByText("Expires this week"), table.getByRole("button", { name: /^Last used/ })]) {
      const lines = await short.evaluate((element) => Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)));
      expect(lines, `"${await short.textContent()}" is on one line`).toBe(1);
    }
    // Cells show no card labels on a wide screen: the column headers say it.
    expect(await cardLabels(row)).toEqual([]);
  });
});
