// A leaked-credential report: anybody who finds Keyport credentials exposed (a secret-scanning service,
// an admin who pasted one into a ticket) names them, without authenticating, and every one that is a
// live Keyport credential is revoked at once: API tokens (their current value, or the value a rotation
// replaced while its grace period runs), SIEM agent and log collector tokens, and app client secrets.
//
// The reporter learns nothing: found or not, the answer is the same. Values are sorted out by their
// format and checksum first, so garbage costs no database work; the well-formed ones cost the same two
// indexed look-ups whether they match or not. Each revocation is written with its audit entry ("reported
// leaked", naming the reporter's IP; no user acted) and its webhook event in one transaction, and the
// token's owner is told on their next visit to the portal (lib/tokens/leak-notices.ts).
import { crossTenantDb, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordTokenEvent } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, tokenEventData } from "@/lib/webhooks/enqueue-event";
import { forgetCachedTokensById } from "@/lib/tokens/token-cache";
import { digestToken, isWellFormedClientSecret, parseTokenValue } from "@/lib/tokens/token-format";

export type LeakReporter = { ip: string | null };

const LOOKUP_SLICE = 200;

/** One look-up per slice of LOOKUP_SLICE digests, one after the other; always at least one. */
async function inSlices<T>(digests: readonly string[], lookUp: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start === 0 || start < digests.length; start += LOOKUP_SLICE) found.push(...(await lookUp(digests.slice(start, start + LOOKUP_SLICE))));
  return found;
}

/** The digests of the values that could be Keyport credentials; pure: touches no database. */
export function credentialDigests(values: readonly string[]): { tokens: string[]; clientSecrets: string[] } {
  const tokens = new Set<string>();
  const clientSecrets = new Set<string>();
  for (const raw of values) {
    // Scanners and people copy values with surrounding blanks or quotes; a value itself never has them.
    const value = raw.trim().replace(/^["']|["']$/g, "");
    if (parseTokenValue(value)) tokens.add(digestToken(value));
    else if (isWellFormedClientSecret(value)) clientSecrets.add(digestToken(value));
  }
  return { tokens: [...tokens], clientSecrets: [...clientSecrets] };
}

/** Revokes every live Keyport credential among `values`; returns how many (for the server's own use, never the reporter's). */
export async function reportLeakedCredentials(values: readonly string[], reporter: LeakReporter, now = new Date()): Promise<{ revoked: number }> {
  const digests = credentialDigests(values);
  if (digests.tokens.length === 0 && digests.clientSecrets.length === 0) return { revoked: 0 };

  // Cross-tenant by design: the values decide the tenants. Both look-ups always run (even with an empty
  // list), so a report's work does not depend on which kinds of values it holds; in slices, because a
  // report of 1000 values would pass SQLite's limit of bound parameters in one statement.
  const [tokens, secrets] = await Promise.all([
    inSlices(digests.tokens, (slice) =>
      crossTenantDb.apiToken.findMany({
        where: {
          revokedAt: null,
          OR: [{ digest: { in: slice } }, { previousDigest: { in: slice }, previousValidUntil: { gt: now } }],
        },
        select: { id: true, tenantId: true, userId: true, kind: true, name: true, digest: true, issuer: { select: { email: true } } },
      }),
    ),
    inSlices(digests.clientSecrets, (slice) =>
      crossTenantDb.appSecret.findMany({
        where: { digest: { in: slice } },
        select: { id: true, description: true, hint: true, app: { select: { id: true, name: true, tenantId: true } } },
      }),
    ),
  ]);
  if (tokens.length === 0 && secrets.length === 0) return { revoked: 0 };

  const details = { reporterIp: reporter.ip ?? "unknown" };
  const revokedIds = await transaction(async (tx) => {
    const revoked: string[] = [];
    for (const token of tokens) {
      // Only the report that revokes it records it: two reports of the same value write one entry.
      const { count } = await tx.apiToken.updateMany({ where: { id: token.id, tenantId: token.tenantId, revokedAt: null }, data: { revokedAt: now, revokedByUserId: null } });
      if (count === 0) continue;
      const matched = digests.tokens.includes(token.digest) ? "current value" : "previous value (rotation grace period)";
      const event = { id: token.id, kind: token.kind, name: token.name, userId: token.userId };
      await recordTokenEvent(tx, { tenantId: token.tenantId, action: "reportedLeaked", token: event, actor: null, via: "leak_report", details: { ...details, matched } });
      await enqueueWebhookEvent(tx, {
        tenantId: token.tenantId,
        type: "token.leaked",
        data: tokenEventData({ ...event, issuerEmail: token.issuer.email }, { via: "leak_report", ...details }),
        occurredAt: now,
      });
      revoked.push(token.id);
    }
    for (const secret of secrets) {
      const { count } = await tx.appSecret.deleteMany({ where: { id: secret.id, appId: secret.app.id } });
      if (count === 0) continue;
      await recordAuditEvent(
        {
          tenantId: secret.app.tenantId,
          actorUserId: null,
          action: "app.secretReportedLeaked",
          targetType: "APP",
          targetId: secret.app.id,
          targetLabel: secret.app.name,
          details: { app: secret.app.name, secretId: secret.id, description: secret.description, hint: secret.hint, via: "leak_report", ...details },
        },
        tx,
      );
      await enqueueWebhookEvent(tx, {
        tenantId: secret.app.tenantId,
        type: "token.leaked",
        data: tokenEventData({ id: secret.id, name: secret.description, kind: "CLIENT_SECRET" }, { app: { id: secret.app.id, name: secret.app.name }, via: "leak_report", ...details }),
        occurredAt: now,
      });
      revoked.push(secret.id);
    }
    return revoked;
  });
  // Every instance looks the revoked tokens up afresh: the revocation holds from the next request.
  await forgetCachedTokensById(tokens.map((token) => token.id));
  return { revoked: revokedIds.length };
}
