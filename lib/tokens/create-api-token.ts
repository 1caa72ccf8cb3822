import type { UserActor } from "@/lib/actor";
import { AppError, type ErrorDetails } from "@/lib/errors";
import { defaultExpirationDays, resolveExpiration, type ExpirationChoice, type Lifetime } from "@/lib/tokens/expiry";
import { generateToken } from "@/lib/tokens/generate-token";
import { parseAllowedIps, rangesWithinCeiling } from "@/lib/tokens/ip-allowlist";
import type { TokenEventVia } from "@/lib/audit/token-events";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { chosenScopesToStore } from "@/lib/tokens/token-scopes";
import { scopesOfRole } from "@/lib/permissions";
import { toTokenObject, type TokenObject } from "@/lib/tokens/token-rows";
import { lifetimeWithinCeiling, refuseReplacedValue, type CredentialCeiling } from "@/lib/tokens/credential-ceiling";

export type NewApiTokenInput = {
  name: string;
  /** What it is for; omitted or empty: none. */
  description?: string | null;
  /** Omitted: 30 days, or the tenant's maximum when that is shorter. */
  expiration?: ExpirationChoice;
  /** Omitted: everything the ceiling holds. */
  scopes?: readonly string[];
  /** Omitted or empty: anywhere. */
  allowedIps?: readonly string[];
};

/**
 * A user's new API token, for themselves: its expiry within the tenant's maximum lifetime, its scopes
 * within what the maker holds (the actor's role; through the API, what the calling token holds), its
 * allowed IP ranges validated. Every invalid field is reported at once (invalid_request with details per
 * field); a scope beyond the ceiling is forbidden.
 * Made through the API, the calling token (`credential`) is the ceiling of everything: a token limited to
 * the office network cannot mint one that works from anywhere, a one-day token cannot mint one that
 * outlives it (the lifetime is shortened to the caller's expiry, after the policy is checked), and a value
 * a rotation replaced cannot mint at all.
 */
export async function createApiToken(
  actor: UserActor,
  input: NewApiTokenInput,
  options: {
    credential?: CredentialCeiling;
    now?: Date;
    via?: TokenEventVia;
    auditDetails?: Record<string, unknown>;
    /**
     * The service account the token is for (lib/service-accounts checks it): the token then holds the
     * account's role, and the maker (the actor, or the calling token) stays its ceiling all the same.
     */
    serviceAccount?: { id: string; name: string; role: string };
  } = {},
): Promise<{ token: TokenObject; value: string }> {
  if (!actor.role) throw new AppError("forbidden", "Only a user can make an API token.");
  const { credential } = options;
  if (credential) refuseReplacedValue(credential);
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
  const owner = options.serviceAccount;
  const makerScopes = credential?.scopes ?? scopesOfRole(actor.role);
  const chosenScopes = attempt(() =>
    owner
      ? chosenScopesToStore(input.scopes, owner.role, scopesOfRole(owner.role).filter((scope) => makerScopes.includes(scope)))
      : chosenScopesToStore(input.scopes, actor.role!, credential?.scopes),
  );
  const parsedIps = attempt(() => parseAllowedIps(input.allowedIps ?? []));
  if (!lifetime || chosenScopes === undefined || !parsedIps) {
    const first = Object.values(details)[0]?.[0] ?? "Check the highlighted fields.";
    throw new AppError("invalid_request", first, { details });
  }
  const allowedIps = rangesWithinCeiling(parsedIps, credential?.allowedIps ?? []);
  const { cappedByCaller, ...granted } = lifetimeWithinCeiling(lifetime, credential, now);

  const generated = await generateToken({
    tenantId: actor.tenantId,
    userId: actor.userId,
    kind: "API_TOKEN",
    name: input.name,
    description: input.description,
    expiresAt: granted.expiresAt,
    lifetimeSeconds: granted.lifetimeSeconds,
    chosenScopes,
    allowedIps,
    serviceAccount: owner ? { id: owner.id, name: owner.name } : null,
    now,
    via: options.via,
    auditDetails: cappedByCaller ? { ...options.auditDetails, expiryShortenedToCaller: true } : options.auditDetails,
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
        description: input.description || null,
        issuer: { email: actor.label },
        serviceAccount: owner ? { id: owner.id, name: owner.name } : null,
      },
      now,
    ),
  };
}
