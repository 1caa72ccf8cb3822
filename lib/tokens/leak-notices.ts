// What a user is told on their next visits to the portal after a token of theirs was reported leaked
// and revoked: "Your token "CI deploy" was reported leaked and revoked on …", for two weeks or until they
// dismiss it. Read from the tokens themselves (revoked by no user) and their "reported leaked" audit
// entries, so nothing extra is stored; a dismissal is remembered in a cookie holding the time of the
// latest report it covered, so a later report shows again.
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/tokens/expiry";

export const LEAK_NOTICE_DAYS = 14;
export const LEAK_NOTICE_COOKIE = "keyport-leak-notices-seen";
const MAX_NOTICES = 20;

export type LeakNotice = { tokenId: string; name: string; kind: string; reportedAt: string };

/** The cookie's value: whose dismissal it is, and up to which report time (ms). */
export function leakNoticeCookieValue(userId: string, seenUntil: number): string {
  return `${userId}.${seenUntil}`;
}

/** The report time up to which this user dismissed the notices, from the cookie (another user's counts for nothing). */
export function seenUntilOf(cookie: string | undefined, userId: string): number | null {
  if (!cookie) return null;
  const dot = cookie.lastIndexOf(".");
  const seen = Number(cookie.slice(dot + 1));
  return cookie.slice(0, dot) === userId && Number.isSafeInteger(seen) ? seen : null;
}

/** The user's tokens reported leaked within the last two weeks and after `seenUntil`, newest first. */
export async function leakNoticesFor(user: { tenantId: string; userId: string }, seenUntil: number | null, now = new Date()): Promise<LeakNotice[]> {
  const since = Math.max(now.getTime() - LEAK_NOTICE_DAYS * DAY_MS, (seenUntil ?? 0) + 1);
  // A leak report revokes as nobody; the audit entry tells it apart from any other such revocation.
  const revoked = await db.apiToken.findMany({
    where: { tenantId: user.tenantId, userId: user.userId, revokedAt: { gte: new Date(since) }, revokedByUserId: null },
    orderBy: [{ revokedAt: "desc" }, { id: "asc" }],
    take: MAX_NOTICES,
    select: { id: true, name: true, kind: true, revokedAt: true },
  });
  if (revoked.length === 0) return [];
  const reported = await db.auditEvent.findMany({
    where: { tenantId: user.tenantId, action: "token.reportedLeaked", targetId: { in: revoked.map((token) => token.id) } },
    select: { targetId: true },
  });
  const reportedIds = new Set(reported.map((entry) => entry.targetId));
  return revoked
    .filter((token) => reportedIds.has(token.id))
    .map((token) => ({ tokenId: token.id, name: token.name, kind: token.kind, reportedAt: token.revokedAt!.toISOString() }));
}
