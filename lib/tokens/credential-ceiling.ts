// A credential never obtains a stronger one. When a token makes, rotates or revokes tokens through the
// API, what it holds is the ceiling of what it may hand out:
//   - scopes: a new token's scopes, and the effective scopes of a token it rotates, lie within its own;
//   - IP ranges: likewise within its own allowed ranges (a caller without ranges is unbounded);
//   - lifetime: a token it makes, or the fresh lifetime of a token it rotates, ends no later than it does
//     (rotating itself renews its own lifetime);
//   - a value that a rotation replaced still calls the API during its grace period, but makes, rotates
//     and revokes nothing: whoever holds only the old value must not pick the new one, nor outlive it.
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/permissions";
import type { Lifetime } from "@/lib/tokens/expiry";
import { rangesBeyond } from "@/lib/tokens/ip-allowlist";

export type CredentialCeiling = {
  /** The calling token. */
  tokenId: string;
  /** Its effective scopes at this request. */
  scopes: readonly Scope[];
  /** Its allowed IP ranges as canonical CIDRs; empty: anywhere. */
  allowedIps: readonly string[];
  /** When it expires; null: never. */
  expiresAt: Date | null;
  /** The value presented is one a rotation replaced, still inside its grace period. */
  replacedValue: boolean;
};

export const REPLACED_VALUE_REFUSED =
  "This token value was replaced by a rotation: during its grace period it still calls the API, but it cannot create, rotate or revoke tokens. Use the new value.";

/** Refuses a value a rotation replaced (403 forbidden): it may no longer manage tokens. */
export function refuseReplacedValue(ceiling: CredentialCeiling): void {
  if (ceiling.replacedValue) throw new AppError("forbidden", REPLACED_VALUE_REFUSED);
}

/**
 * Refuses (403 forbidden) to hand the caller a new value of a token that holds more than the caller:
 * a scope the caller lacks, or an address the caller's own ranges do not reach.
 */
export function refuseStrongerToken(ceiling: CredentialCeiling, target: { name: string; scopes: readonly Scope[]; allowedIps: readonly string[] }): void {
  const beyondScopes = target.scopes.filter((scope) => !ceiling.scopes.includes(scope));
  if (beyondScopes.length > 0) {
    throw new AppError("forbidden", `You cannot rotate "${target.name}": it holds ${beyondScopes.join(", ")}, which the calling token does not.`);
  }
  if (ceiling.allowedIps.length === 0) return;
  const beyondRanges = target.allowedIps.length === 0 ? ["any address"] : rangesBeyond(target.allowedIps, ceiling.allowedIps);
  if (beyondRanges.length > 0) {
    throw new AppError(
      "forbidden",
      `You cannot rotate "${target.name}": it may be used from ${beyondRanges.slice(0, 3).join(", ")}, beyond the calling token's allowed IP ranges.`,
    );
  }
}

/**
 * The lifetime, ended no later than the calling token: a lifetime reaching past the caller's expiry (or
 * never ending) is shortened to it. `cappedByCaller` says whether it was.
 */
export function lifetimeWithinCeiling(lifetime: Lifetime, ceiling: Pick<CredentialCeiling, "expiresAt"> | undefined, now: Date): Lifetime & { cappedByCaller: boolean } {
  const limit = ceiling?.expiresAt;
  if (!limit || (lifetime.expiresAt !== null && lifetime.expiresAt.getTime() <= limit.getTime())) return { ...lifetime, cappedByCaller: false };
  return { expiresAt: limit, lifetimeSeconds: Math.max(1, Math.ceil((limit.getTime() - now.getTime()) / 1000)), cappedByCaller: true };
}
