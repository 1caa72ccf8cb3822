// Writes an email into the mail queue inside the caller's transaction, so it exists exactly when the
// change it tells about does; the mail job (send-queued-mail.ts) sends it afterwards.
import type { Tx } from "@/lib/db/client";
import { mailSettings } from "@/lib/mail/mail-settings";

export type QueuedMail = { key: string; tenantId: string; to: string; subject: string; text: string };

/** Queues the mails while a mail server is set; does nothing otherwise (nothing would ever send them). */
export async function queueMails(tx: Tx, mails: readonly QueuedMail[]): Promise<void> {
  if (mails.length === 0 || !mailSettings()) return;
  for (const mail of mails) await tx.mailMessage.create({ data: mail });
}

/** The owners (by user id) of tokens who may be written to: an email, and not deprovisioned. */
export async function mailableOwners(tx: Tx, tenantId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0 || !mailSettings()) return new Map();
  const users = await tx.user.findMany({ where: { tenantId, id: { in: [...new Set(userIds)] }, deprovisionedAt: null }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}
