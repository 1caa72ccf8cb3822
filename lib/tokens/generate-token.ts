import { randomUUID } from "node:crypto";
import { transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/permissions";
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
  sourceType?: string;
  expiresAt?: Date | null;
  lifetimeSeconds?: number | null;
  chosenScopes?: readonly Scope[] | null;
  allowedIps?: readonly string[];
  now?: Date;
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
        sourceType: input.sourceType ?? null,
        digest: digestToken(value),
        hint: tokenHint(value),
        ...(input.now ? { createdAt: input.now } : {}),
        expiresAt: input.expiresAt ?? null,
        lifetimeSeconds: input.lifetimeSeconds ?? null,
        scopesJson: input.chosenScopes ? JSON.stringify(input.chosenScopes) : null,
        allowedIpsJson: JSON.stringify(input.allowedIps ?? []),
      },
    });
    await recordAuditEvent(
      {
        tenantId: input.tenantId,
        actorUserId: input.userId,
        action: "token.generated",
        targetType: input.kind,
        targetId: id,
        details: {
          name: input.name,
          expiresAt: created.expiresAt?.toISOString() ?? null,
          scopes: input.chosenScopes ?? "all of the issuer's role",
          ...(input.allowedIps && input.allowedIps.length > 0 ? { allowedIps: input.allowedIps } : {}),
        },
      },
      tx,
    );
    return created;
  });
  noteTokenCreated(token.digest);
  return { id: token.id, name: token.name, value, createdAt: token.createdAt, expiresAt: token.expiresAt };
}
