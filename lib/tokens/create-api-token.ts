import type { UserActor } from "@/lib/actor";
import { AppError, type ErrorDetails } from "@/lib/errors";
import type { Scope } from "@/lib/permissions";
import { defaultExpirationDays, resolveExpiration, type ExpirationChoice, type Lifetime } from "@/lib/tokens/expiry";
import { generateToken } from "@/lib/tokens/generate-token";
import { parseAllowedIps, rangesWithinCeiling } from "@/lib/tokens/ip-allowlist";
import type { TokenEventVia } from "@/lib/audit/token-events";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { chosenScopesToStore } from "@/lib/tokens/token-scopes";
import { toTokenObject, type TokenObject } from "@/lib/tokens/token-rows";

export type NewApiTokenInput = {
  name: string;
  /** Omitted: 30 days, or the tenant's maximum when that is shorter. */
  expiration?: ExpirationChoice;
  /** Omitted: everything the ceiling holds. */
  scopes?: readonly string[];
  /** Omitted or empty: anywhere. */
  allowedIps?: readonly string[];
};

/**
 * A user's new API token, for themselves: its expiry within the tenant's maximum lifetime, its scopes
 * within what the maker holds (the `ceiling`: the actor's role by default; through the API, what the
 * calling token holds), its allowed IP ranges validated. Every invalid field is reported at once
 * (invalid_request with details per field); a scope beyond the ceiling is forbidden.
 * Through the API the calling token's allowed IP ranges are a ceiling too (`ipCeiling`): a token
 * limited to the office network cannot mint one that works from anywhere.
 */
export async function createApiToken(
  actor: UserActor,
  input: NewApiTokenInput,
  options: { ceiling?: readonly Scope[]; ipCeiling?: readonly string[]; now?: Date; via?: TokenEventVia; auditDetails?: Record<string, unknown> } = {},
): Promise<{ token: TokenObject; value: string }> {
  if (!actor.role) throw new AppError("forbidden", "Only a user can make an API token.");
  const now = options.now ?? new Date();
  const { maxLifetimeDays } = await getTokenPolicy(actor.tenantId);

  const details: ErrorDetails = {};
  const attempt = <T>(step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "invalid_request" || !error.details) throw error;
      Object.assign(details, error.details);
      return undefined;
    }
  };
  const lifetime: Lifetime | undefined = attempt(() => resolveExpiration(input.expiration ?? { kind: "days", days: defaultExpirationDays(maxLifetimeDays) }, now, maxLifetimeDays));
  const chosenScopes = attempt(() => chosenScopesToStore(input.scopes, actor.role!, options.ceiling));
  const parsedIps = attempt(() => parseAllowedIps(input.allowedIps ?? []));
  if (!lifetime || chosenScopes === undefined || !parsedIps) {
    const first = Object.values(details)[0]?.[0] ?? "Check the highlighted fields.";
    throw new AppError("invalid_request", first, { details });
  }
  const allowedIps = rangesWithinCeiling(parsedIps, options.ipCeiling ?? []);

  const generated = await generateToken({
    tenantId: actor.tenantId,
    userId: actor.userId,
    kind: "API_TOKEN",
    name: input.name,
    expiresAt: lifetime.expiresAt,
    lifetimeSeconds: lifetime.lifetimeSeconds,
    chosenScopes,
    allowedIps,
    now,
    via: options.via,
    auditDetails: options.auditDetails,
  });
  return {
    value: generated.value,
    token: toTokenObject(
      {
        id: generated.id,
        name: generated.name,
        createdAt: generated.createdAt,
        lastUsedAt: null,
        lastUsedIp: null,
        expiresAt: generated.expiresAt,
        scopesJson: chosenScopes ? JSON.stringify(chosenScopes) : null,
        allowedIpsJson: JSON.stringify(allowedIps),
        issuer: { email: actor.label },
      },
      now,
    ),
  };
}
