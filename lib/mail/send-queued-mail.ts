// The mail job: sends the queued mail that is due, under the scheduler's lease (one instance at a time),
// and retries what the mail server did not take with a growing pause, up to MAX_ATTEMPTS. nodemailer
// speaks SMTP (TLS, authentication, pooling) so Keyport does not.
import nodemailer from "nodemailer";
import { crossTenantDb } from "@/lib/db/client";
import { mailSettings, type MailSettings } from "@/lib/mail/mail-settings";

export const MAX_ATTEMPTS = 8;
const BATCH = 50;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;
const SEND_TIMEOUT_MS = 20_000;

function transport(settings: MailSettings) {
  return nodemailer.createTransport(settings.url, {
    from: settings.from,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
}

/** How long to wait after the given number of failed attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/** Sends the due queued mail; returns how many went out. Does nothing while no mail server is set. */
export async function sendQueuedMail(now: Date = new Date()): Promise<{ sent: number; failed: number }> {
  const settings = mailSettings();
  if (!settings) return { sent: 0, failed: 0 };
  // Cross-tenant by design: one job sends the whole deployment's mail; each message names its tenant.
  const due = await crossTenantDb.mailMessage.findMany({
    where: { sentAt: null, nextAttemptAt: { lte: now }, attempts: { lt: MAX_ATTEMPTS } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  if (due.length === 0) return { sent: 0, failed: 0 };
  const mailer = transport(settings);
  let sent = 0;
  let failed = 0;
  try {
    for (const mail of due) {
      try {
        await mailer.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
        await crossTenantDb.mailMessage.update({ where: { id: mail.id }, data: { sentAt: new Date(), attempts: mail.attempts + 1, lastError: null } });
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const reason = error instanceof Error ? error.message : String(error);
        await crossTenantDb.mailMessage.update({
          where: { id: mail.id },
          data: { attempts, lastError: reason.slice(0, 500), nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
        });
        failed++;
        if (attempts >= MAX_ATTEMPTS) console.error(`keyport: gave up sending mail '${mail.subject}' to ${mail.to} after ${attempts} attempts: ${reason}`);
      }
    }
  } finally {
    mailer.close();
  }
  return { sent, failed };
}
