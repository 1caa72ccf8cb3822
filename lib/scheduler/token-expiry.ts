// Token expiry notices for webhooks: `token.expiring` 7 days and again 1 day before a token expires
// (and an email to its owner while a mail server is set), and `token.expired` once it has (audited too). Each notice is a row keyed by token, threshold and
// expiry, written in the same transaction as the event it queues: an instance that finds the key
// already taken rolls back, so each notice goes out once however many instances scan at the same time.
import { crossTenantDb, transaction } from "@/lib/db/client";
import { recordTokenEvent } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, tokenEventData } from "@/lib/webhooks/enqueue-event";
import { mailableOwners, queueMails } from "@/lib/mail/queue-mail";
import { expiryMail } from "@/lib/mail/token-mails";

export type ExpiryThreshold = "7d" | "1d" | "expired";

export type ExpiringToken = { id: string; tenantId: string; kind: string; name: string; userId: string; expiresAt: Date };

/**
 * The tokens, not revoked, whose expiry falls in (after, until]; at most `limit`, soonest first (ties by
 * id), and after `from` when given: the window is read page by page.
 */
export type FindExpiringTokens = (window: { after: Date; until: Date; from?: { expiresAt: Date; id: string } }, limit: number) => Promise<ExpiringToken[]>;

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * The one query that reads token expiry, kept apart so the rest of the scheduler does not depend on
 * how expiry is stored. Cross-tenant by design: one scan serves every tenant, through the expiry index.
 */
export const findExpiringTokens: FindExpiringTokens = async (window, limit) => {
  const rows = await crossTenantDb.apiToken.findMany({
    where: {
      revokedAt: null,
      expiresAt: { gt: window.after, lte: window.until },
      ...(window.from ? { OR: [{ expiresAt: { gt: window.from.expiresAt } }, { expiresAt: window.from.expiresAt, id: { gt: window.from.id } }] } : {}),
    },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, tenantId: true, kind: true, name: true, userId: true, expiresAt: true },
  });
  return rows.flatMap((row) => (row.expiresAt ? [{ ...row, expiresAt: row.expiresAt }] : []));
};

/**
 * Which notice is due for an expiry at `now`: within 7 days (but more than 1) the 7-day notice, within
 * 1 day the 1-day notice, up to 7 days past it the expired notice. A scan that was down for a while
 * sends only the notice that still applies, and tokens that expired long ago stay quiet.
 */
export function expiryWindows(now: Date): { threshold: ExpiryThreshold; after: Date; until: Date }[] {
  const at = now.getTime();
  return [
    { threshold: "7d", after: new Date(at + DAY_MS), until: new Date(at + 7 * DAY_MS) },
    { threshold: "1d", after: new Date(at), until: new Date(at + DAY_MS) },
    { threshold: "expired", after: new Date(at - 7 * DAY_MS), until: new Date(at) },
  ];
}

/** Sends every notice that is due and not yet sent; returns how many this call sent. */
export async function sendExpiryNotices(now: Date, find: FindExpiringTokens = findExpiringTokens): Promise<number> {
  let sent = 0;
  for (const window of expiryWindows(now)) {
    // Page by page: notices sent before are skipped, so a window holding more than a page of them
    // still reaches the tokens after.
    let from: { expiresAt: Date; id: string } | undefined;
    for (;;) {
      const tokens = await find({ ...window, from }, BATCH);
      if (tokens.length === 0) break;
      // Across tenants by design: the scan serves the whole deployment; each notice then names its tenant.
      const done = await crossTenantDb.tokenExpiryNotice.findMany({
        where: { threshold: window.threshold, tokenId: { in: tokens.map((token) => token.id) } },
        select: { tokenId: true, expiresAt: true },
      });
      const doneKeys = new Set(done.map((notice) => `${notice.tokenId}@${notice.expiresAt.getTime()}`));
      for (const token of tokens) {
        if (doneKeys.has(`${token.id}@${token.expiresAt.getTime()}`)) continue;
        if (await sendNotice(token, window.threshold, now)) sent++;
      }
      if (tokens.length < BATCH) break;
      const last = tokens[tokens.length - 1];
      from = { expiresAt: last.expiresAt, id: last.id };
    }
  }
  return sent;
}

async function sendNotice(token: ExpiringToken, threshold: ExpiryThreshold, now: Date): Promise<boolean> {
  try {
    await transaction(async (tx) => {
      await tx.tokenExpiryNotice.create({ data: { tokenId: token.id, threshold, expiresAt: token.expiresAt, tenantId: token.tenantId } });
      const data = tokenEventData({ id: token.id, name: token.name, kind: token.kind, userId: token.userId, expiresAt: token.expiresAt });
      if (threshold === "expired") {
        await enqueueWebhookEvent(tx, { tenantId: token.tenantId, type: "token.expired", data, occurredAt: now });
        await recordTokenEvent(tx, { tenantId: token.tenantId, action: "expired", token, actor: null, via: "expiry", details: { expiresAt: token.expiresAt.toISOString() } });
      } else {
        const daysLeft = threshold === "7d" ? 7 : 1;
        await enqueueWebhookEvent(tx, { tenantId: token.tenantId, type: "token.expiring", data: { ...data, expiresInDays: daysLeft }, occurredAt: now });
        const owner = (await mailableOwners(tx, token.tenantId, [token.userId])).get(token.userId);
        if (owner) await queueMails(tx, [expiryMail(token, owner, daysLeft)]);
      }
    });
    return true;
  } catch (error) {
    // Another instance sent this notice first: its key is taken, and this transaction rolled back.
    if ((error as { code?: unknown } | null)?.code === "P2002") return false;
    throw error;
  }
}
