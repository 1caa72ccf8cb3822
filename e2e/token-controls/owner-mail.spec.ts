// Email to a token's owner, read from the mailbox of the run's local SMTP server: when a token of
// theirs is reported leaked and revoked, and a day before one expires. The token policy page says
// whether and how Keyport sends mail, also where no mail server is set.
import { callApi } from "../support/api-client";
import { mailsIn, type SunkMail } from "../support/mail-sink";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { startSecondServer } from "../security/support/second-server";
import { setTokenExpiry, tokenByName } from "./support";

const MAIL_DIR = process.env.KEYPORT_E2E_MAIL_DIR ?? "";

/** Waits for the one mail to `to` whose subject matches, and returns it. */
async function mailTo(to: string, subject: RegExp, timeout: number): Promise<SunkMail> {
  let found: SunkMail[] = [];
  await expect
    .poll(() => (found = mailsIn(MAIL_DIR).filter((mail) => mail.to.includes(to) && subject.test(mail.subject))).length, { timeout, message: `a mail to ${to}: ${subject}` })
    .toBeGreaterThan(0);
  return found[0];
}

async function generateInPortal(page: import("@playwright/test").Page, name: string): Promise<string> {
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill(name);
  await dialog.getByRole("button", { name: "Next" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API token" });
  const value = await shown.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await shown.getByRole("button", { name: "Close" }).click();
  return value;
}

test("the owner gets an email when a token of theirs is reported leaked, and its link opens their tokens page with the notice", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.operator.email);
  const value = await generateInPortal(page, "Build server key");
  const report = await callApi("/api/v1/credentials/revoke", { method: "POST", body: { credentials: [value] } });
  expect(report.status).toBe(202);

  const mail = await mailTo(tenant.operator.email, /reported leaked/, 30_000);
  expect(mail.subject).toBe('Your API token "Build server key" was reported leaked and revoked');
  expect(mail.from).toBe("keyport@e2e.test");
  expect(mail.text).toContain("every call made with it is now refused");
  const link = mail.text.match(/^https?:\/\/\S+\/settings\/api-tokens$/m)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole("region", { name: "A token of yours was reported leaked" })).toContainText("Build server key");
  // Once: nobody else got it, and no second copy came.
  expect(mailsIn(MAIL_DIR).filter((sent) => sent.subject.includes('"Build server key"'))).toHaveLength(1);
});

test("the owner gets an email the day before a token of theirs expires", async ({ page, context, tenant }) => {
  // The expiry scan runs once a minute on one of the servers; the mail goes out within seconds after.
  test.setTimeout(180_000);
  await signInContext(context, tenant.reader.email);
  await generateInPortal(page, "Quarterly report");
  const token = await tokenByName(tenant.id, "Quarterly report");
  await setTokenExpiry(tenant.id, token.id, new Date(Date.now() + 12 * 3600_000));

  const mail = await mailTo(tenant.reader.email, /expires tomorrow/, 150_000);
  expect(mail.subject).toBe('Your API token "Quarterly report" expires tomorrow');
  expect(mail.text).toContain("rotate it or generate a replacement");
  expect(mail.text).toContain(`/settings/api-tokens/${token.id}`);
});

test("the token policy page says where owner emails go, and that none are sent without a mail server", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/token-policy");
  const section = page.getByRole("region", { name: "Emails to token owners" });
  await expect(section).toContainText("Owners get an email 7 days and 1 day before a token of theirs expires");
  await expect(section).toContainText(`Sent from Keyport e2e <keyport@e2e.test> through 127.0.0.1:${new URL(process.env.KEYPORT_SMTP_URL!).port}`);

  const unmailed = await startSecondServer({ KEYPORT_SMTP_URL: "", KEYPORT_BACKGROUND_JOBS: "off" });
  try {
    // Same database and session secret: the admin's session is good there too (cookies ignore the port).
    await page.goto(`http://localhost:${unmailed.port}/settings/token-policy`);
    await expect(page.getByRole("region", { name: "Emails to token owners" })).toContainText("Keyport sends no email: no mail server is set.");
  } finally {
    await unmailed.stop();
  }
});
