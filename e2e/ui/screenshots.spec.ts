// Screenshots for reviewers, taken by `npm run screenshots` (reports/screenshots/, attached to the report):
// the API tokens page, the generate dialog, the Users page and the audit log, at desktop and phone size, in the light
// and the dark theme (which follows the system setting). Each is also checked to be what it claims.
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { generateToken } from "@/lib/tokens/generate-token";
import { resourceIdsOf } from "../support/e2e-data";
import { setUpApp } from "../support/oauth";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { DESKTOP, PHONE } from "./ui-support";

const DIR = path.resolve(__dirname, "../../reports/screenshots");

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}.png`);
  // Times tick and cursors blink: keep the picture about the layout.
  await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots: tokens page, generate dialog, users page and audit log (${size}, ${scheme})`, async ({ browser, tenant }, testInfo) => {
      const context = await browser.newContext({ viewport, colorScheme: scheme, hasTouch: size === "phone", isMobile: size === "phone" });
      const page = await context.newPage();
      for (const name of ["Splunk production", "Nightly export", "Sentinel connector"]) await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name });
      await signInContext(context, tenant.admin.email);

      await gotoReady(page, "/settings/api-tokens");
      await expect(page.getByRole("row").filter({ hasText: "Splunk production" })).toBeVisible();
      expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
      await shoot(page, testInfo, `api-tokens-${size}-${scheme}`);

      await page.getByRole("button", { name: "Generate new token" }).click();
      await expect(page.getByRole("dialog", { name: "Generate new token" })).toBeVisible();
      await shoot(page, testInfo, `generate-dialog-${size}-${scheme}`);
      await page.getByRole("dialog").getByRole("textbox", { name: "Token name" }).fill("Screenshot token");
      await page.getByRole("dialog").getByRole("button", { name: "Next" }).click();
      await expect(page.getByRole("dialog", { name: "Your new API token" })).toBeVisible();
      await shoot(page, testInfo, `generate-dialog-value-${size}-${scheme}`);
      await page.keyboard.press("Escape");

      await gotoReady(page, "/settings/users");
      await expect(page.getByRole("table", { name: "Users" })).toContainText(tenant.reader.email);
      await shoot(page, testInfo, `users-${size}-${scheme}`);

      await gotoReady(page, "/settings/audit-log");
      await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Screenshot token");
      await shoot(page, testInfo, `audit-log-${size}-${scheme}`);
      await context.close();
    });
  }
}

// The rest of the portal's pages, for the same look at both sizes and in both themes.
for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots: app registration, alerts, an alert, About and "not found" (${size}, ${scheme})`, async ({ browser, tenant }, testInfo) => {
      const context = await browser.newContext({ viewport, colorScheme: scheme, hasTouch: size === "phone", isMobile: size === "phone" });
      const page = await context.newPage();
      const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Discovery.read"]);
      const { openAlertIds } = await resourceIdsOf(tenant.id);
      await signInContext(context, tenant.admin.email);

      await gotoReady(page, `/settings/app-registrations/${app.clientId}`);
      await expect(page.getByRole("heading", { name: app.name, level: 1 })).toBeVisible();
      await shoot(page, testInfo, `app-registration-${size}-${scheme}`);
      await page.getByRole("button", { name: "Remove Discovery.read" }).click();
      await expect(page.getByRole("dialog", { name: "Remove Discovery.read?" })).toBeVisible();
      await shoot(page, testInfo, `remove-permission-dialog-${size}-${scheme}`);

      await gotoReady(page, "/alerts?state=all");
      await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
      await shoot(page, testInfo, `alerts-${size}-${scheme}`);
      await gotoReady(page, `/alerts/${openAlertIds[0]}`);
      await page.getByRole("button", { name: "Close alert" }).click();
      await expect(page.getByRole("dialog", { name: "Close alert" })).toBeVisible();
      await shoot(page, testInfo, `close-alert-dialog-${size}-${scheme}`);

      await gotoReady(page, "/settings/account");
      await page.getByRole("button", { name: "Help" }).click();
      await page.getByRole("menuitem", { name: "About" }).click();
      await expect(page.getByRole("dialog", { name: "About Keyport" })).toBeVisible();
      await shoot(page, testInfo, `about-dialog-${size}-${scheme}`);

      await gotoReady(page, "/settings/no-such-page");
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      if (size === "phone") await page.getByRole("button", { name: /Settings menu/ }).click();
      await shoot(page, testInfo, `not-found-${size}-${scheme}`);
      await context.close();
    });
  }
}
