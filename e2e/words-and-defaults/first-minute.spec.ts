// The first minute of a fresh quickstart: the sign-in page names the demo accounts and where their
// password is (while they are in the database), the new token's example request is open from the start
// with the README's variable name, and the README's examples use the port the server prints.
import fs from "node:fs";
import path from "node:path";
import { DEMO_TENANTS } from "@/lib/seed/seed-demo";
import { presentDemoAccounts } from "@/lib/seed/demo-accounts";
import { expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";
import { axeViolations } from "../support/axe";

test("the sign-in page names the demo accounts and where their password is, never the password", async ({ page }) => {
  await gotoReady(page, "/signin");
  const demo = page.getByRole("region", { name: "Demo accounts" });
  for (const email of ["admin@contoso.test", "operator@contoso.test", "reader@contoso.test", "admin@fabrikam.test"]) await expect(demo).toContainText(email);
  await expect(demo).not.toContainText("former@contoso.test");
  await expect(demo).toContainText("Global administrator");
  await expect(demo).toContainText("KEYPORT_DEMO_PASSWORD");
  await expect(demo).not.toContainText(process.env.KEYPORT_DEMO_PASSWORD!);
  expect((await axeViolations(page)).map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("signin.png"), fullPage: true });
});

test("without the demo accounts in the database, nobody is named", async () => {
  // The same look-up the page makes, for a seed whose tenants are not here.
  expect(await presentDemoAccounts(DEMO_TENANTS.map((tenant) => ({ ...tenant, slug: `${tenant.slug}-gone` })))).toBeNull();
  expect((await presentDemoAccounts())?.accounts.map((account) => account.email)).toContain("admin@contoso.test");
});

test("the new token's example request is open from the start and uses the README's variable", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("dialog").getByRole("textbox", { name: "Token name" }).fill("First call");
  await page.getByRole("dialog").getByRole("button", { name: "Next" }).click();
  const example = page.getByRole("dialog").getByLabel("Example request", { exact: true });
  await expect(example).toBeVisible();
  await expect(example).toHaveText(`curl -H "Authorization: Token $TOKEN" http://${tenant.slug}.localhost:${PORT}/api/v1/alerts/`);
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  expect(readme).toContain('TOKEN=kpat_');
  expect(readme).toContain('-H "Authorization: Token $TOKEN"');
});

test("the README's examples use the port the server prints", () => {
  const root = path.resolve(__dirname, "../..");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  // The server prints http://localhost:<PORT>, PORT defaulting to the configuration's default.
  expect(fs.readFileSync(path.join(root, "scripts/start.ts"), "utf8")).toContain("Keyport is starting on http://localhost:${port}");
  const defaultPort = /setting\("PORT", "[^"]*default (\d+)"/.exec(fs.readFileSync(path.join(root, "lib/config.ts"), "utf8"))?.[1];
  expect(defaultPort).toBe("3000");
  const ports = [...readme.matchAll(/localhost:(\d+)/g)].map((match) => match[1]);
  expect(ports.length).toBeGreaterThan(10);
  expect(new Set(ports)).toEqual(new Set([defaultPort]));
  expect(readme).toContain("the port the server prints");
});
