// A leaked-credential report: anybody who finds Keyport credentials exposed (a secret-scanning service,
// an admin who pasted one into a ticket) names them, without authenticating, and every one that is a
// live Keyport credential is revoked at once: API tokens (their current value, or the value a rotation
// replaced while its grace period runs), SIEM agent and log collector tokens, and app client secrets.
//
// The reporter learns nothing: found or not, the answer is the same. What a report costs is bounded by
// what it names, not by how it is written:
//   - values are sorted out by their format and checksum first (sortReportedValues), so garbage costs
//     no database work at all, and a value named twice (or with blanks or quotes around it) counts and
//     is hashed once;
//   - the well-formed ones are looked up in ONE read, however many there are (a list bound as one
//     parameter), on the read path that never waits for a writer;
//   - only credentials that exist are written: per tenant, one update of its tokens, one insert of
//     their audit entries ("reported leaked", naming the reporter's IP; no user acted) and one of their
//     webhook events, all in one transaction that commits before the report is answered, so the
//     revocation holds from the next request. The token's owner is told on their next visit to the
//     portal (lib/tokens/leak-notices.ts).
import { transaction, type Tx } from "@/lib/db/client";
import { readRows } from "@/lib/db/direct-read";
import { inTextList, placeholder, textListArgument } from "@/lib/db/list-parameter";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordTokenEvents } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, enqueueWebhookEvents, tokenEventData } from "@/lib/webhooks/enqueue-event";
import { forgetCachedTokensById } from "@/lib/tokens/token-cache";
import { digestToken, isWellFormedClientSecret, parseTokenValue } from "@/lib/tokens/token-format";
import { mailableOwners, queueMails } from "@/lib/mail/queue-mail";
import { leakMail } from "@/lib/mail/token-mails";

export type LeakReporter = { ip: string | null };

/** The well-formed values of a report, each once: what the report may cost the database. */
export type SortedReport = { tokens: string[]; clientSecrets: string[] };

/** Rows per statement when writing: well inside any database's limit of bound parameters. */
const WRITE_CHUNK = 100;

/** The distinct values that could be Keyport credentials (format and checksum); pure: touches no database. */
export function sortReportedValues(values: readonly string[]): SortedReport {
  // Scanners and people copy values with surrounding blanks or quotes; a value itself never has them.
  const distinct = new Set(values.map((raw) => raw.trim().replace(/^["']|["']$/g, "")));
  const sorted: SortedReport = { tokens: [], clientSecrets: [] };
  for (const value of distinct) {
    if (parseTokenValue(value)) sorted.tokens.push(value);
    else if (isWellFormedClientSecret(value)) sorted.clientSecrets.push(value);
  }
  return sorted;
}

/** How many values of the report cost database work. */
export const reportCost = (sorted: SortedReport): number => sorted.tokens.length + sorted.clientSecrets.length;

type FoundToken = { id: string; tenantId: string; userId: string; kind: string; name: string; digest: string; issuerEmail: string | null; serviceAccount: { id: string; name: string } | null };
type FoundSecret = { id: string; description: string; hint: string; appId: string; appName: string; tenantId: string };
type Found = {
  source: "token" | "secret";
  id: string;
  tenantId: string;
  userId: string | null;
  kind: string;
  /** A token's name, a secret's description. */
  name: string;
  digest: string;
  issuerEmail: string | null;
  hint: string | null;
  appId: string | null;
  appName: string | null;
  serviceAccountId: string | null;
  serviceAccountName: string | null;
};

/**
 * Every live credential whose digest is among `tokenDigests` / `secretDigests`, in one read.
 * Cross-tenant by design: the values decide the tenants.
 */
async function findLiveCredentials(tokenDigests: string[], secretDigests: string[], now: Date): Promise<{ tokens: FoundToken[]; secrets: FoundSecret[] }> {
  const sql = `
    SELECT 'token' AS "source", t."id", t."tenantId", t."userId", t."kind", t."name", t."digest", u."email" AS "issuerEmail", NULL AS "hint", NULL AS "appId", NULL AS "appName",
           sa."id" AS "serviceAccountId", sa."name" AS "serviceAccountName"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" LEFT JOIN "ServiceAccount" sa ON sa."id" = t."serviceAccountId"
     WHERE t."revokedAt" IS NULL
       AND (${inTextList(`t."digest"`, 1)} OR (${inTextList(`t."previousDigest"`, 2)} AND t."previousValidUntil" > ${placeholder(3)}))
    UNION ALL
    SELECT 'secret', s."id", a."tenantId", NULL, 'CLIENT_SECRET', s."description", s."digest", NULL, s."hint", a."id", a."name", NULL, NULL
      FROM "AppSecret" s JOIN "AppRegistration" a ON a."id" = s."appId"
     WHERE ${inTextList(`s."digest"`, 4)}`;
  const rows = await readRows<Found>(sql, [textListArgument(tokenDigests), textListArgument(tokenDigests), now, textListArgument(secretDigests)]);
  const tokens: FoundToken[] = [];
  const secrets: FoundSecret[] = [];
  for (const row of rows) {
    if (row.source === "token") tokens.push({ id: row.id, tenantId: row.tenantId, userId: row.userId!, kind: row.kind, name: row.name, digest: row.digest, issuerEmail: row.issuerEmail, serviceAccount: row.serviceAccountId ? { id: row.serviceAccountId, name: row.serviceAccountName ?? "" } : null });
    else secrets.push({ id: row.id, description: row.name, hint: row.hint ?? "", appId: row.appId!, appName: row.appName!, tenantId: row.tenantId });
  }
  return { tokens, secrets };
}

function chunks<T>(items: readonly T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function byTenant<T extends { tenantId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.tenantId, [...(groups.get(item.tenantId) ?? []), item]);
  return groups;
}

/** Revokes one tenant's found tokens; returns those this report revoked (not another report just before). */
async function revokeTenantTokens(tx: Tx, tenantId: string, tokens: FoundToken[], reported: ReadonlySet<string>, details: Record<string, unknown>, now: Date): Promise<string[]> {
  const revoked: FoundToken[] = [];
  for (const slice of chunks(tokens)) {
    // Only the report that revokes a token records it: two reports of the same value write one entry.
    const rows = await tx.apiToken.updateManyAndReturn({
      where: { tenantId, id: { in: slice.map((token) => token.id) }, revokedAt: null },
      data: { revokedAt: now, revokedByUserId: null },
      select: { id: true },
    });
    const ids = new Set(rows.map((row) => row.id));
    revoked.push(...slice.filter((token) => ids.has(token.id)));
  }
  const events = revoked.map((token) => ({
    token: { id: token.id, kind: token.kind, name: token.name, userId: token.userId },
    matched: reported.has(token.digest) ? "current value" : "previous value (rotation grace period)",
    issuerEmail: token.issuerEmail,
    serviceAccount: token.serviceAccount,
  }));
  for (const slice of chunks(events)) {
    await recordTokenEvents(
      tx,
      tenantId,
      slice.map((event) => ({ action: "reportedLeaked", token: event.token, actor: null, via: "leak_report", details: { ...details, matched: event.matched } })),
    );
    await enqueueWebhookEvents(
      tx,
      tenantId,
      slice.map((event) => ({ type: "token.leaked", data: tokenEventData({ ...event.token, issuerEmail: event.issuerEmail, serviceAccount: event.serviceAccount }, { via: "leak_report", ...details }), occurredAt: now })),
    );
  }
  const owners = await mailableOwners(tx, tenantId, revoked.map((token) => token.userId));
  await queueMails(
    tx,
    revoked.flatMap((token) => {
      const to = owners.get(token.userId);
      return to ? [leakMail({ id: token.id, tenantId, name: token.name }, to, now)] : [];
    }),
  );
  return revoked.map((token) => token.id);
}

/** Deletes a found client secret; false when another report deleted it first. */
async function deleteSecret(tx: Tx, secret: FoundSecret, details: Record<string, unknown>, now: Date): Promise<boolean> {
  const { count } = await tx.appSecret.deleteMany({ where: { id: secret.id, appId: secret.appId } });
  if (count === 0) return false;
  await recordAuditEvent(
    {
      tenantId: secret.tenantId,
      actorUserId: null,
      action: "app.secretReportedLeaked",
      targetType: "APP",
      targetId: secret.appId,
      targetLabel: secret.appName,
      details: { app: secret.appName, secretId: secret.id, description: secret.description, hint: secret.hint, via: "leak_report", ...details },
    },
    tx,
  );
  await enqueueWebhookEvent(tx, {
    tenantId: secret.tenantId,
    type: "token.leaked",
    data: tokenEventData({ id: secret.id, name: secret.description, kind: "CLIENT_SECRET" }, { app: { id: secret.appId, name: secret.appName }, via: "leak_report", ...details }),
    occurredAt: now,
  });
  return true;
}

/**
 * Revokes every live Keyport credential among the sorted values; returns how many (for the server's own
 * use, never the reporter's). Resolves once the revocations are committed and every instance told.
 */
export async function revokeReportedCredentials(sorted: SortedReport, reporter: LeakReporter, now = new Date()): Promise<{ revoked: number }> {
  if (reportCost(sorted) === 0) return { revoked: 0 };
  // Each value hashed once; the look-up is the same one statement whichever kinds the report holds.
  const tokenDigests = sorted.tokens.map(digestToken);
  const secretDigests = sorted.clientSecrets.map(digestToken);
  const { tokens, secrets } = await findLiveCredentials(tokenDigests, secretDigests, now);
  if (tokens.length === 0 && secrets.length === 0) return { revoked: 0 };

  const details = { reporterIp: reporter.ip ?? "unknown" };
  const reported = new Set(tokenDigests);
  const { revokedTokens, deletedSecrets } = await transaction(async (tx) => {
    const revokedTokens: string[] = [];
    for (const [tenantId, ofTenant] of byTenant(tokens)) revokedTokens.push(...(await revokeTenantTokens(tx, tenantId, ofTenant, reported, details, now)));
    let deletedSecrets = 0;
    for (const secret of secrets) if (await deleteSecret(tx, secret, details, now)) deletedSecrets++;
    return { revokedTokens, deletedSecrets };
  });
  // Every instance looks the revoked tokens up afresh: the revocation holds from the next request.
  await forgetCachedTokensById(tokens.map((token) => token.id));
  return { revoked: revokedTokens.length + deletedSecrets };
}

/** Sorts and revokes in one call (for scripts and tests; the endpoint sorts first to weigh the report). */
export async function reportLeakedCredentials(values: readonly string[], reporter: LeakReporter, now = new Date()): Promise<{ revoked: number }> {
  return revokeReportedCredentials(sortReportedValues(values), reporter, now);
}
