import { randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/client";
import { recordTokenEvent, type TokenEventVia } from "@/lib/audit/token-events";
import type { Scope } from "@/lib/permissions";
import { enqueueWebhookEvent, tokenEventData } from "@/lib/webhooks/enqueue-event";
import { digestToken, newTokenValue, tokenHint, type TokenKind } from "@/lib/tokens/token-format";
import { noteTokenCreated } from "@/lib/tokens/token-cache";

export type GeneratedToken = { id: string; name: string; value: string; createdAt: Date; expiresAt: Date | null };

/**
 * Creates a credential for a user and returns its value. This is the only time the value exists
 * outside the caller's hands: only its SHA-256 digest is stored. The inputs are taken as decided:
 * createApiToken and createIntegration apply the tenant's policy and check them first. Without an
 * expiry the token never expires; without chosen scopes it holds all of its issuer's role; without
 * allowed IPs it works from anywhere.
 */
export async function generateToken(input: {
  tenantId: string;
  userId: string;
  kind: TokenKind;
  name: string;
  /** What it is for, in its maker's words. */
  description?: string | null;
  sourceType?: string;
  expiresAt?: Date | null;
  lifetimeSeconds?: number | null;
  chosenScopes?: readonly Scope[] | null;
  allowedIps?: readonly string[];
  /** The service account that owns the token (userId is then the person who made it). */
  serviceAccount?: { id: string; name: string } | null;
  now?: Date;
  /** How it was asked for, for the audit trail; default the portal. */
  via?: TokenEventVia;
  /** More for the audit entry (through the API: which credential asked). */
  auditDetails?: Record<string, unknown>;
}): Promise<GeneratedToken> {
  const value = newTokenValue(input.kind);
  const id = randomUUID();
  const token = await transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id,
        tenantId: input.tenantId,
        userId: input.userId,
        kind: input.kind,
        name: input.name,
        description: input.description || null,
        sourceType: input.sourceType ?? null,
        digest: digestToken(value),
        hint: tokenHint(value),
        ...(input.now ? { createdAt: input.now } : {}),
        expiresAt: input.expiresAt ?? null,
        lifetimeSeconds: input.lifetimeSeconds ?? null,
        scopesJson: input.chosenScopes ? JSON.stringify(input.chosenScopes) : null,
        allowedIpsJson: JSON.stringify(input.allowedIps ?? []),
        serviceAccountId: input.serviceAccount?.id ?? null,
      },
    });
    const token = { id, kind: input.kind, name: input.name, userId: input.userId };
    const owner = input.serviceAccount ? { serviceAccount: { id: input.serviceAccount.id, name: input.serviceAccount.name } } : {};
    await recordTokenEvent(tx, {
      tenantId: input.tenantId,
      action: "generated",
      token,
      actor: { userId: input.userId },
      via: input.via ?? "ui",
      details: {
        expiresAt: created.expiresAt?.toISOString() ?? null,
        scopes: input.chosenScopes ?? "all of the issuer's role",
        ...(input.allowedIps && input.allowedIps.length > 0 ? { allowedIps: input.allowedIps } : {}),
        ...owner,
        ...input.auditDetails,
      },
    });
    await enqueueWebhookEvent(tx, { tenantId: input.tenantId, type: "token.created", data: tokenEventData({ ...token, ...owner, expiresAt: created.expiresAt }), occurredAt: created.createdAt });
    return created;
  });
  noteTokenCreated(token.digest);
  return { id: token.id, name: token.name, value, createdAt: token.createdAt, expiresAt: token.expiresAt };
}
