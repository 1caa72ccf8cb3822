// "Generate a replacement": the settings of one of the person's own API tokens (expired, or revoked as
// leaked) as the generate dialog's starting point, so the new token does the same job: its name,
// description, chosen scopes, allowed IP ranges and, where the policy still allows it, its lifetime.
// Only the person's own tokens: a new token is always its maker's, so another person's would be a
// template for somebody else's job.
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { EXPIRATION_PRESETS } from "@/lib/tokens/expiry";
import { parseJsonList } from "@/lib/tokens/token-rows";
import { parseScopesJson } from "@/lib/tokens/token-scopes";
import type { Scope } from "@/lib/permissions";

export type ReplacementTemplate = {
  /** The token replaced, named in the dialog. */
  replaces: { id: string; name: string };
  name: string;
  description: string;
  /** null: all of the role. */
  scopes: Scope[] | null;
  allowedIps: string[];
  /** The expiration to preselect: a preset's days or "never"; null: the dialog's default. */
  expiration: string | null;
};

/** The expiration choice that gives the same lifetime again, when the dialog offers it under the policy. */
export function sameExpirationChoice(lifetimeSeconds: number | null, maxLifetimeDays: number | null): string | null {
  if (lifetimeSeconds === null) return maxLifetimeDays === null ? "never" : null;
  const preset = EXPIRATION_PRESETS.find((candidate) => candidate.days * 86_400 === lifetimeSeconds);
  if (!preset || (maxLifetimeDays !== null && preset.days > maxLifetimeDays)) return null;
  return String(preset.days);
}

export async function replacementTemplate(actor: UserActor, tokenId: string, maxLifetimeDays: number | null): Promise<ReplacementTemplate> {
  const token = await db.apiToken.findFirst({
    where: { tenantId: actor.tenantId, userId: actor.userId, kind: "API_TOKEN", id: tokenId },
    select: { id: true, name: true, description: true, scopesJson: true, allowedIpsJson: true, lifetimeSeconds: true },
  });
  if (!token) throw new AppError("not_found", "That token does not exist, or it is not yours to replace.");
  return {
    replaces: { id: token.id, name: token.name },
    name: token.name,
    description: token.description ?? "",
    scopes: parseScopesJson(token.scopesJson),
    allowedIps: parseJsonList(token.allowedIpsJson).filter((range) => range !== "unreadable"),
    expiration: sameExpirationChoice(token.lifetimeSeconds, maxLifetimeDays),
  };
}
