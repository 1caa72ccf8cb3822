// Rotation: a token gets a new value and keeps everything else (its row and id, name, chosen scopes,
// allowed IP ranges, and its lifetime: a fresh expiry of the same length, within the tenant's maximum,
// unless the rotation chooses a new expiry, which the policy then checks as for a new token).
// With a grace period the value it replaces keeps working until the period ends (never beyond its own
// expiry), so a deployment can switch without an outage; then it is refused with 401. Only one
// replaced value is kept: rotating again ends the grace of the one before at once.
// API tokens, SIEM agents and log collectors all rotate through rotateTokenRow.
import { db, transaction } from "@/lib/db/client";
import { recordTokenEvent, type TokenEventVia } from "@/lib/audit/token-events";
import { enqueueWebhookEvent, tokenEventData } from "@/lib/webhooks/enqueue-event";
import type { Actor, UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MAX_GRACE_SECONDS, resolveExpiration, rotatedLifetime, type ExpirationChoice } from "@/lib/tokens/expiry";
import { visibleApiTokensWhere } from "@/lib/tokens/token-visibility";
import { forgetCachedTokenById } from "@/lib/tokens/token-cache";
import { digestToken, newTokenValue, tokenHint, type TokenKind } from "@/lib/tokens/token-format";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { parseJsonList, toTokenObject, tokenObjectSelect, type TokenObject } from "@/lib/tokens/token-rows";
import { lifetimeWithinCeiling, refuseReplacedValue, refuseStrongerToken, type CredentialCeiling } from "@/lib/tokens/credential-ceiling";
import { effectiveScopes, parseScopesJson } from "@/lib/tokens/token-scopes";

/** What a rotation needs to know of the token it rotates. */
export type RotatableRow = {
  id: string;
  tenantId: string;
  userId: string;
  kind: string;
  name: string;
  digest: string;
  expiresAt: Date | null;
  lifetimeSeconds: number | null;
  serviceAccount?: { id: string; name: string; role: string } | null;
};

export const rotatableSelect = {
  id: true,
  tenantId: true,
  userId: true,
  kind: true,
  name: true,
  digest: true,
  expiresAt: true,
  lifetimeSeconds: true,
  serviceAccount: { select: { id: true, name: true, role: true } },
} as const;

export type RotatedToken = {
  id: string;
  name: string;
  value: string;
  expiresAt: Date | null;
  /** Until when the replaced value still works; null: it stopped at once. */
  previousValidUntil: Date | null;
  /** The policy, or the calling token's own expiry, made the fresh lifetime shorter than the token's own. */
  cappedByPolicy: boolean;
  token: TokenObject;
};

/** What the portal shows once after a rotation: the new value and when things end, as text for the client. */
export function shownRotation(rotated: RotatedToken, tenantUrl: string) {
  return {
    name: rotated.name,
    value: rotated.value,
    tenantUrl,
    expiresAt: rotated.expiresAt?.toISOString() ?? null,
    previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null,
    cappedByPolicy: rotated.cappedByPolicy,
  };
}

export type RotationOptions = {
  graceSeconds: number;
  now?: Date;
  via?: TokenEventVia;
  auditDetails?: Record<string, unknown>;
  /** The fresh lifetime ends no later than this (the calling token's expiry); null or absent: no bound. */
  notAfter?: Date | null;
  /** A new expiry, checked against the tenant's maximum; absent: a fresh lifetime of the token's own length. */
  expiration?: ExpirationChoice;
};

/**
 * Rotates a token the caller has already found and is allowed to rotate. Refuses with conflict when the
 * token was revoked or rotated by someone else in the meantime (the stored value is not the one read).
 */
export async function rotateTokenRow(actor: Actor, row: RotatableRow, options: RotationOptions): Promise<RotatedToken> {
  const { graceSeconds, now = new Date(), via = "ui", auditDetails = {} } = options;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    const message = "The grace period is 0 to 604800 seconds (7 days).";
    throw new AppError("invalid_request", message, { details: { gracePeriodSeconds: [message] } });
  }
  const { maxLifetimeDays } = await getTokenPolicy(row.tenantId);
  const fresh = options.expiration ? resolveExpiration(options.expiration, now, maxLifetimeDays) : rotatedLifetime(row.lifetimeSeconds, now, maxLifetimeDays);
  const { cappedByCaller, ...lifetime } = lifetimeWithinCeiling(fresh, { expiresAt: options.notAfter ?? null }, now);
  const graceEnd = Math.min(now.getTime() + graceSeconds * 1000, row.expiresAt?.getTime() ?? Infinity);
  const previousValidUntil = graceSeconds > 0 && graceEnd > now.getTime() ? new Date(graceEnd) : null;
  const value = newTokenValue(row.kind as TokenKind);

  const updated = await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: row.id, tenantId: row.tenantId, digest: row.digest, revokedAt: null },
      data: {
        digest: digestToken(value),
        hint: tokenHint(value),
        previousDigest: previousValidUntil ? row.digest : null,
        previousValidUntil,
        rotatedAt: now,
        expiresAt: lifetime.expiresAt,
        lifetimeSeconds: lifetime.lifetimeSeconds,
      },
    });
    if (count === 0) throw new AppError("conflict", `"${row.name}" was revoked or rotated by someone else just now. Reload the page and try again.`);
    const token = { id: row.id, kind: row.kind, name: row.name, userId: row.userId };
    const owner = row.serviceAccount ? { serviceAccount: { id: row.serviceAccount.id, name: row.serviceAccount.name } } : {};
    await recordTokenEvent(tx, {
      tenantId: row.tenantId,
      action: "rotated",
      token,
      actor: actor.userId ? { userId: actor.userId } : { userId: null, label: actor.label },
      via,
      details: {
        gracePeriodSeconds: graceSeconds,
        previousValidUntil: previousValidUntil?.toISOString() ?? null,
        expiresAt: lifetime.expiresAt?.toISOString() ?? null,
        ...(options.expiration ? { newExpiryChosen: true } : {}),
        ...(cappedByCaller ? { expiryShortenedToCaller: true } : {}),
        ...owner,
        ...auditDetails,
      },
    });
    await enqueueWebhookEvent(tx, {
      tenantId: row.tenantId,
      type: "token.rotated",
      data: tokenEventData({ ...token, ...owner, expiresAt: lifetime.expiresAt }, { rotatedBy: actor.label, via, previousValidUntil: previousValidUntil?.toISOString() ?? null }),
      occurredAt: now,
    });
    return tx.apiToken.findUniqueOrThrow({ where: { id: row.id, tenantId: row.tenantId }, select: tokenObjectSelect });
  });
  await forgetCachedTokenById(row.id);
  return {
    id: row.id,
    name: row.name,
    value,
    expiresAt: lifetime.expiresAt,
    previousValidUntil,
    cappedByPolicy: options.expiration ? cappedByCaller : lifetime.lifetimeSeconds !== row.lifetimeSeconds,
    token: toTokenObject(updated, now),
  };
}

/**
 * Rotates an API token the actor may see: their own, or any of the tenant's for a full admin. Through the
 * API the calling token (`credential`) bounds it: a replaced value rotates nothing, a token holding more
 * than the caller (scopes or reach) is refused, and the fresh lifetime ends no later than the caller's.
 * A token rotating itself by id is a self-rotation (see rotateOwnToken).
 */
export async function rotateApiToken(
  actor: UserActor,
  tokenId: string,
  options: Omit<RotationOptions, "notAfter"> & { credential?: CredentialCeiling },
): Promise<RotatedToken> {
  const { credential, ...rotation } = options;
  if (credential) refuseReplacedValue(credential);
  const row = await db.apiToken.findFirst({
    where: { ...visibleApiTokensWhere(actor), id: tokenId },
    select: { ...rotatableSelect, scopesJson: true, allowedIpsJson: true, issuer: { select: { role: true } } },
  });
  if (!row) throw new AppError("not_found", "That token does not exist, or you may not rotate it.");
  if (!credential || credential.tokenId === row.id) return rotateTokenRow(actor, row, rotation);
  refuseStrongerToken(credential, {
    name: row.name,
    // A service account's token holds the account's role, not its maker's.
    scopes: effectiveScopes({ kind: row.kind, chosenScopes: parseScopesJson(row.scopesJson) }, row.serviceAccount?.role ?? row.issuer.role),
    allowedIps: parseJsonList(row.allowedIpsJson),
  });
  return rotateTokenRow(actor, row, { ...rotation, notAfter: credential.expiresAt });
}

/**
 * Rotates the credential a request was made with (any kind, on itself): presenting the current value
 * proves the right to replace it, and renews its lifetime. A value a rotation already replaced may not.
 */
export async function rotateOwnToken(actor: Actor, credential: CredentialCeiling & { tenantId: string }, options: { graceSeconds: number; now?: Date; auditDetails?: Record<string, unknown> }): Promise<RotatedToken> {
  refuseReplacedValue(credential);
  const row = await db.apiToken.findFirst({ where: { id: credential.tokenId, tenantId: credential.tenantId, revokedAt: null }, select: rotatableSelect });
  if (!row) throw new AppError("not_found", "That token does not exist.");
  return rotateTokenRow(actor, row, { ...options, via: "api" });
}
