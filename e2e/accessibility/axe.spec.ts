// axe-core on every page and every open dialog of the portal, at desktop size (1366 × 900) and on a
// phone (390 × 844), for each role (full admin, operator, reader), in the light theme — and, for the
// full admin, in the dark theme too (it follows the system setting, so colour contrast is checked
// twice). Each light run must find zero violations of axe's default rule set (WCAG 2.x A/AA and best
// practices); a dark run, of the rules that judge colours (the pages are otherwise the same as in the
// light run of the same role and size). A failing run lists every violation with the page, the rule
// and the elements.
//
// The scans are split in two lists: the pages and dialogs of the portal's shell, users, app
// registrations, alerts, consent and error pages (SCANS), and those built by other areas of the
// product — API tokens and their controls, the token policy, webhooks, the sign-in page, the audit log
// (OTHER_AREAS) — so a failure says at once whose page it is.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { loadAuthSecret } from "@/lib/auth/auth-secret";
import { generateToken } from "@/lib/tokens/generate-token";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { axeViolations } from "../support/axe";
import { resourceIdsOf } from "../support/e2e-data";
import { createFreshTenant, expect, gotoReady, signInContext, test, type FreshTenant } from "../support/fixtures";
import { setUpApp, v2Token } from "../support/oauth";
import { DESKTOP, PHONE } from "../ui/ui-support";

type Role = "admin" | "operator" | "reader";
type Size = "desktop" | "phone";
type Setting = { tenant: FreshTenant; appId: string; accessToken: string; alertId: string; consentClientId: string; role: Role; tokenId: string; webhookId: string | null };
type Scan = {
  name: string;
  path: (setting: Setting) => string;
  /** Who sees it; default: every role. */
  roles?: Role[];
  /** Only at this size (menus that exist folded on a phone only). */
  size?: Size;
  /** Scanned in a signed-out browser. */
  signedOut?: boolean;
  /** Opens what is scanned; returns the selector to scan within (a dialog), or nothing for the whole page. */
  open?: (page: Page, setting: Setting) => Promise<string | void>;
  /** Opening it changes the page for good (creates data, selects a row): the next scan loads the page afresh. */
  changesPage?: true;
};

async function openDialog(page: Page, button: string, dialog: string | RegExp): Promise<string> {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("dialog", { name: dialog })).toBeVisible();
  return "dialog[open]";
}

const ADMIN: Role[] = ["admin"];
/** The default rules whose outcome depends on colours: all a dark run needs to check again. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
const unique = () => Math.random().toString(36).slice(2, 8);

const SCANS: Scan[] = [
  // The portal's shell: header menus, About, the settings menu folded on a phone.
  { name: "Help menu open", path: () => "/settings/account", open: async (page) => void (await page.getByRole("button", { name: "Help" }).click(), await expect(page.getByRole("menu", { name: "Help" })).toBeVisible()) },
  {
    name: "About dialog",
    path: () => "/settings/account",
    open: async (page) => {
      await page.getByRole("button", { name: "Help" }).click();
      await page.getByRole("menuitem", { name: "About" }).click();
      await expect(page.getByRole("dialog", { name: "About Keyport" })).toBeVisible();
      return "dialog[open]";
    },
  },
  { name: "Settings menu unfolded", path: () => "/settings/account", size: "phone", open: async (page) => void (await page.getByRole("button", { name: /Settings menu/ }).click(), await expect(page.getByRole("link", { name: "My account" })).toBeVisible()) },
  { name: "Account menu unfolded", path: () => "/settings/account", size: "phone", open: async (page) => void (await page.getByRole("button", { name: "Account", exact: true }).click(), await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible()) },
  { name: "My account", path: () => "/settings/account" },
  { name: "Settings page not found", path: () => "/settings/no-such-page" },
  { name: "Page not found", path: () => "/no-such-page" },
  { name: "No access (403)", path: () => "/settings/users", roles: ["operator", "reader"] },

  // Users.
  { name: "Users", path: () => "/settings/users", roles: ADMIN },
  { name: "Users, nothing matches", path: () => "/settings/users?q=nobody-at-all&role=SECURITY_READER", roles: ADMIN },
  { name: "Add user dialog", path: () => "/settings/users", roles: ADMIN, open: (page) => openDialog(page, "Add user", "Add user") },
  {
    name: "Add user dialog with errors",
    path: () => "/settings/users",
    roles: ADMIN,
    open: async (page) => {
      const selector = await openDialog(page, "Add user", "Add user");
      await page.getByRole("dialog").getByRole("textbox", { name: "Email" }).fill("not-an-email");
      await page.getByRole("dialog").getByRole("button", { name: "Add" }).click();
      await expect(page.getByRole("dialog").getByRole("alert")).toBeVisible();
      await expect(page.getByRole("dialog").getByRole("button", { name: "Add" })).toBeEnabled();
      return selector;
    },
  },
  {
    name: "Initial password dialog", changesPage: true,
    path: () => "/settings/users",
    roles: ADMIN,
    open: async (page, { tenant }) => {
      await openDialog(page, "Add user", "Add user");
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("textbox", { name: "Email" }).fill(`axe-${unique()}@${tenant.slug}.test`);
      await dialog.getByRole("textbox", { name: "Name" }).fill(`Axe ${unique()}`);
      await dialog.getByRole("button", { name: "Add" }).click();
      await expect(page.getByRole("dialog", { name: /Initial password for/ })).toBeVisible();
      return "dialog[open]";
    },
  },
  { name: "Change role dialog", path: () => "/settings/users", roles: ADMIN, open: (page, { tenant }) => openDialog(page, `Change role of ${tenant.reader.name}`, `Change the role of ${tenant.reader.name}`) },
  { name: "Deprovision confirmation", path: () => "/settings/users", roles: ADMIN, open: (page, { tenant }) => openDialog(page, `Deprovision ${tenant.reader.name}`, `Deprovision ${tenant.reader.name}?`) },
  {
    name: "Reset password, then the new password", changesPage: true,
    path: () => "/settings/users",
    roles: ADMIN,
    open: async (page, { tenant }) => {
      await openDialog(page, `Reset password of ${tenant.operator.name}`, `Reset the password of ${tenant.operator.name}?`);
      await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
      await expect(page.getByRole("dialog", { name: `New password for ${tenant.operator.name}` })).toBeVisible();
      return "dialog[open]";
    },
  },

  // App registrations.
  { name: "App registrations", path: () => "/settings/app-registrations", roles: ADMIN },
  { name: "Register an application dialog", path: () => "/settings/app-registrations", roles: ADMIN, open: (page) => openDialog(page, "New registration", "Register an application") },
  { name: "An app registration", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN },
  { name: "Add permissions dialog", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Add a permission", "Add application permissions") },
  { name: "Add a client secret dialog", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "New client secret", "Add a client secret") },
  {
    name: "Client secret value dialog", changesPage: true,
    path: ({ appId }) => `/settings/app-registrations/${appId}`,
    roles: ADMIN,
    open: async (page) => {
      await openDialog(page, "New client secret", "Add a client secret");
      await page.getByRole("dialog").getByRole("textbox", { name: "Description" }).fill(`axe ${unique()}`);
      await page.getByRole("dialog").getByRole("button", { name: "Add" }).click();
      await expect(page.getByRole("dialog", { name: /Client secret “axe/ })).toBeVisible();
      return "dialog[open]";
    },
  },
  { name: "Remove permission confirmation", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Remove Investigation.read", "Remove Investigation.read?") },
  { name: "Delete secret confirmation", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Delete secret test", "Delete the client secret “test”?") },
  { name: "Revoke consent confirmation", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Revoke admin consent", /^Revoke admin consent for/) },
  { name: "Disable application confirmation", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Disable application", /^Disable /) },
  { name: "Delete application confirmation", path: ({ appId }) => `/settings/app-registrations/${appId}`, roles: ADMIN, open: (page) => openDialog(page, "Delete application", /^Delete Test app/) },
  { name: "Decode a token", path: () => "/settings/app-registrations/decode", roles: ADMIN },
  {
    name: "Decode a token, decoded", changesPage: true,
    path: () => "/settings/app-registrations/decode",
    roles: ADMIN,
    open: async (page, { accessToken }) => {
      await page.getByRole("textbox", { name: "Access token" }).fill(accessToken);
      await page.getByRole("button", { name: "Decode" }).click();
      await expect(page.getByRole("region", { name: "Claims" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Decode" })).toBeEnabled();
    },
  },
  { name: "Admin consent", path: ({ consentClientId }) => `/common/adminconsent?client_id=${consentClientId}` },
  { name: "Admin consent for an unknown app", path: () => "/common/adminconsent?client_id=00000000-0000-4000-8000-000000000000", roles: ADMIN },

  // SIEM agents and log collectors.
  { name: "SIEM agents", path: () => "/settings/siem-agents", roles: ADMIN },
  { name: "Add SIEM agent dialog", path: () => "/settings/siem-agents", roles: ADMIN, open: (page) => openDialog(page, "Add SIEM agent", "Add SIEM agent") },
  { name: "Log collectors", path: () => "/settings/log-collectors", roles: ADMIN },

  // Alerts.
  { name: "Alerts", path: () => "/alerts" },
  { name: "Alerts, all, by severity", path: () => "/alerts?state=all&sort=severity&dir=asc" },
  { name: "An alert", path: ({ alertId }) => `/alerts/${alertId}` },
  { name: "Close alert dialog", path: ({ alertId }) => `/alerts/${alertId}`, roles: ["admin", "operator"], open: (page) => openDialog(page, "Close alert", "Close alert") },
];

// ——— Pages and dialogs built by other areas of the product, scanned the same way. ———
const OTHER_AREAS: Scan[] = [
  { name: "API tokens", path: () => "/settings/api-tokens" },
  { name: "Generate new token dialog", path: () => "/settings/api-tokens", open: (page) => openDialog(page, "Generate new token", "Generate new token") },
  {
    name: "Generate new token dialog, the value shown once", changesPage: true,
    path: () => "/settings/api-tokens",
    open: async (page) => {
      await openDialog(page, "Generate new token", "Generate new token");
      await page.getByRole("dialog").getByRole("textbox", { name: "Token name" }).fill(`axe ${unique()}`);
      await page.getByRole("dialog").getByRole("button", { name: "Next" }).click();
      await expect(page.getByRole("dialog", { name: "Your new API token" })).toBeVisible();
      return "dialog[open]";
    },
  },
  { name: "Revoke token confirmation", path: () => "/settings/api-tokens", open: (page, { role }) => openDialog(page, `Revoke Axe token of ${role}`, "Revoke token?") },
  { name: "Rotate token dialog", path: () => "/settings/api-tokens", open: (page, { role }) => openDialog(page, `Rotate Axe token of ${role}`, `Rotate "Axe token of ${role}"`) },
  {
    name: "Revoke selected confirmation", changesPage: true,
    path: () => "/settings/api-tokens",
    open: async (page, { role }) => {
      await page.getByRole("checkbox", { name: `Select Axe token of ${role}` }).check();
      return openDialog(page, "Revoke selected", "Revoke 1 token?");
    },
  },
  { name: "Token details", path: ({ tokenId }) => `/settings/api-tokens/${tokenId}` },
  { name: "Token details, rotate dialog", path: ({ tokenId }) => `/settings/api-tokens/${tokenId}`, open: (page, { role }) => openDialog(page, `Rotate Axe token of ${role}`, `Rotate "Axe token of ${role}"`) },
  { name: "Token policy", path: () => "/settings/token-policy", roles: ADMIN },
  { name: "Revoke all tokens of a user confirmation", path: () => "/settings/users", roles: ADMIN, open: (page, { tenant }) => openDialog(page, `Revoke all tokens of ${tenant.admin.name}`, /^Revoke (the API token|all \d+ API tokens) of/) },
  { name: "Webhooks", path: () => "/settings/webhooks", roles: ADMIN },
  { name: "Single sign-on", path: () => "/settings/single-sign-on", roles: ADMIN },
  { name: "Provisioning", path: () => "/settings/provisioning", roles: ADMIN },
  { name: "Service accounts", path: () => "/settings/service-accounts", roles: ADMIN },
  { name: "Add service account dialog", path: () => "/settings/service-accounts", roles: ADMIN, open: (page) => openDialog(page, "Add service account", "Add service account") },
  { name: "Add webhook dialog", path: () => "/settings/webhooks", roles: ADMIN, open: (page) => openDialog(page, "Add webhook", "Add webhook") },
  { name: "A webhook's delivery log", path: ({ webhookId }) => `/settings/webhooks/${webhookId}`, roles: ADMIN },
  { name: "Audit log", path: () => "/settings/audit-log", roles: ADMIN },
  { name: "Audit log, filtered", path: ({ tokenId }) => `/settings/audit-log?target=${tokenId}`, roles: ADMIN },
  { name: "Sign in", path: () => "/signin", roles: ADMIN, signedOut: true },
];

async function prepare(tenant: FreshTenant, role: Role): Promise<Setting> {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Discovery.read"]);
  const publisher = await createFreshTenant();
  const shared = await setUpApp({ id: publisher.admin.id, tenantId: publisher.id }, ["Investigation.read"], { multiTenant: true });
  // Expiring within the week, so the token page's notice is scanned too.
  const token = await generateToken({ tenantId: tenant.id, userId: tenant[role].id, kind: "API_TOKEN", name: `Axe token of ${role}`, expiresAt: new Date(Date.now() + 3 * 24 * 3600_000), lifetimeSeconds: 7 * 24 * 3600 });
  const adminActor = { tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" as const };
  const webhook = role === "admin" ? await createWebhook(adminActor, { url: "https://receiver.invalid/hook", description: "Axe", events: ["token.created"] }, await loadAuthSecret()) : null;
  const ids = await resourceIdsOf(tenant.id);
  return {
    tenant,
    appId: app.clientId,
    accessToken: await v2Token(tenant.id, app.clientId, app.clientSecret),
    alertId: ids.openAlertIds[0],
    consentClientId: shared.clientId,
    role,
    tokenId: token.id,
    webhookId: webhook?.id ?? null,
  };
}

/**
 * Closes the dialog a scan opened, as a person would (Escape). True when the page is back as it loaded, so
 * the next scan of the same page may use it without loading it again.
 */
async function closeScannedDialog(page: Page): Promise<boolean> {
  await page.keyboard.press("Escape");
  try {
    await expect(page.locator("dialog[open]")).toHaveCount(0, { timeout: 2_000 });
    return true;
  } catch {
    return false;
  }
}

async function scanAll(browser: Browser, scans: Scan[], setting: Setting, size: Size, scheme: "light" | "dark"): Promise<string[]> {
  const viewport = size === "phone" ? PHONE : DESKTOP;
  const contexts = { signedIn: await browser.newContext({ viewport, colorScheme: scheme }), signedOut: await browser.newContext({ viewport, colorScheme: scheme }) };
  await signInContext(contexts.signedIn, setting.tenant[setting.role].email);
  const pages = { signedIn: await contexts.signedIn.newPage(), signedOut: await contexts.signedOut.newPage() };
  const found: string[] = [];
  // The path the signed-in page shows as it loaded (nothing open, nothing changed), if any: a page and
  // its dialogs are scanned on one load, which spares a server render, a hydration and axe's injection.
  let unchangedPath: string | null = null;
  for (const scan of scans) {
    if (scan.roles && !scan.roles.includes(setting.role)) continue;
    if (scan.size && scan.size !== size) continue;
    await test.step(scan.name, async () => {
      const page = scan.signedOut ? pages.signedOut : pages.signedIn;
      const target = scan.path(setting);
      if (scan.signedOut || unchangedPath !== target) await gotoReady(page, target);
      unchangedPath = null;
      const within = scan.open ? await scan.open(page, setting) : undefined;
      for (const violation of await axeViolations(page, within ?? undefined, scheme === "dark" ? COLOUR_RULES : undefined)) {
        const nodes = violation.nodes.slice(0, 4).map((node) => `${node.target.join(" ")}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, " ").slice(0, 160)}]` : ""}`);
        found.push(`${scan.name} (${target}): ${violation.id} (${violation.impact}) — ${violation.help}\n      ${nodes.join("\n      ")}`);
      }
      if (scan.signedOut || scan.changesPage) return;
      // A whole-page scan leaves the page as it was; a dialog's, once the dialog is closed again.
      if (!scan.open || (within && (await closeScannedDialog(page)))) unchangedPath = target;
    });
  }
  await contexts.signedIn.close();
  await contexts.signedOut.close();
  return found;
}

const RUNS: { role: Role; size: Size; scheme: "light" | "dark" }[] = [
  ...(["admin", "operator", "reader"] as const).flatMap((role) => (["desktop", "phone"] as const).map((size) => ({ role, size, scheme: "light" as const }))),
  { role: "admin", size: "desktop", scheme: "dark" },
  { role: "admin", size: "phone", scheme: "dark" },
];

for (const [area, scans] of [["portal", SCANS], ["other areas", OTHER_AREAS]] as const) {
  for (const run of RUNS) {
    test(`axe, ${area}: ${run.role} at ${run.size} size, ${run.scheme} theme: no violations`, async ({ browser, tenant }, testInfo) => {
      // Dozens of pages and dialogs scanned in one test: minutes on a slow machine.
      test.setTimeout(900_000);
      const setting = await prepare(tenant, run.role);
      const found = await scanAll(browser, scans, setting, run.size, run.scheme);
      const report = path.resolve(__dirname, "../../reports/axe", `${area.replace(/\W+/g, "-")}-${run.role}-${run.size}-${run.scheme}.txt`);
      fs.mkdirSync(path.dirname(report), { recursive: true });
      fs.writeFileSync(report, found.join("\n") || "no violations\n");
      await testInfo.attach("axe violations", { path: report, contentType: "text/plain" });
      expect(found, `axe violations:\n${found.join("\n")}`).toEqual([]);
    });
  }
}
