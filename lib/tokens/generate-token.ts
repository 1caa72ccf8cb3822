import { randomUUID } from "node:crypto";
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { digestToken, newTokenValue, tokenHint, type TokenKind } from "@/lib/tokens/token-format";
import { noteTokenCreated } from "@/lib/tokens/token-cache";

export type GeneratedToken = { id: string; name: string; value: string; createdAt: Date };

/**
 * Creates a credential for a user and returns its value. This is the only time the value exists
 * outside the caller's hands: only its SHA-256 digest is stored.
 */
export async function generateToken(input: {
  tenantId: string;
  userId: string;
  kind: TokenKind;
  name: string;
  sourceType?: string;
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
      },
    });
    await recordAuditEvent(
      { tenantId: input.tenantId, actorUserId: input.userId, action: "token.generated", targetType: input.kind, targetId: id, details: { name: input.name } },
      tx,
    );
    return created;
  });
  noteTokenCreated(token.digest);
  return { id: token.id, name: token.name, value, createdAt: token.createdAt };
}
