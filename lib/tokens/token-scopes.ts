// What a token may do. A token never holds a scope of its own: at each request it holds its issuer's
// role's scopes as they are then, intersected with the scopes chosen when it was made (none chosen:
// all of the role's), and for a SIEM agent or log collector also with what its kind is for. So a
// token made "read only" by an admin never writes, and an operator's token loses the manage scopes
// the moment the operator becomes a reader, and never regains more than was ticked.
import { AppError } from "@/lib/errors";
import { INTEGRATION_SCOPES, ROLE_LABELS, SCOPES, isRole, isScope, scopesOfRole, type Scope } from "@/lib/permissions";

export function parseScopesJson(json: string | null): Scope[] | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    // Anything unreadable narrows to nothing rather than widening to the whole role.
    return Array.isArray(parsed) ? parsed.filter((scope): scope is Scope => typeof scope === "string" && isScope(scope)) : [];
  } catch {
    return [];
  }
}

export function kindScopes(kind: string): readonly Scope[] | null {
  return (INTEGRATION_SCOPES as Record<string, readonly Scope[]>)[kind] ?? null;
}

/** The scopes a token holds now: issuer's role now ∩ chosen (null: all) ∩ its kind's. In the map's order. */
export function effectiveScopes(token: { kind: string; chosenScopes: readonly Scope[] | null }, issuerRole: string): Scope[] {
  const role = scopesOfRole(issuerRole);
  const kind = kindScopes(token.kind);
  return SCOPES.filter((scope) => role.includes(scope) && (token.chosenScopes === null || token.chosenScopes.includes(scope)) && (kind === null || kind.includes(scope)));
}

/**
 * The chosen scopes to store for a new token: null when they are all of the ceiling (the issuer's role,
 * or what the calling credential holds), so the token keeps following the role; else the list, in the
 * map's order. A scope beyond the ceiling is refused: nobody hands out more than they hold.
 */
export function chosenScopesToStore(requested: readonly string[] | undefined, issuerRole: string, ceiling: readonly Scope[] = scopesOfRole(issuerRole)): Scope[] | null {
  const role = scopesOfRole(issuerRole);
  if (requested === undefined) return sameSet(ceiling, role) ? null : SCOPES.filter((scope) => ceiling.includes(scope));
  const unknown = requested.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    const message = `Unknown scope: ${unknown.slice(0, 3).join(", ")}. The scopes are ${SCOPES.join(", ")}.`;
    throw new AppError("invalid_request", message, { details: { scopes: [message] } });
  }
  const chosen = SCOPES.filter((scope) => requested.includes(scope));
  if (chosen.length === 0) {
    const message = "Choose at least one scope.";
    throw new AppError("invalid_request", message, { details: { scopes: [message] } });
  }
  const beyond = chosen.filter((scope) => !ceiling.includes(scope));
  if (beyond.length > 0) {
    const message = `You cannot give a token ${beyond.join(", ")}: ${isRole(issuerRole) && sameSet(ceiling, role) ? `the ${ROLE_LABELS[issuerRole]} role does not hold ${beyond.length === 1 ? "it" : "them"}` : "the credential making it does not hold them"}.`;
    throw new AppError("forbidden", message, { details: { scopes: [message] } });
  }
  return sameSet(chosen, role) ? null : chosen;
}

function sameSet(a: readonly Scope[], b: readonly Scope[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

/** How the table names a token's scopes: "All of Global administrator", or the list it holds. */
export function scopesSummary(token: { kind: string; chosenScopes: readonly Scope[] | null }, issuerRole: string): string {
  const label = isRole(issuerRole) ? ROLE_LABELS[issuerRole] : "its issuer's role";
  if (token.chosenScopes === null && kindScopes(token.kind) === null) return `All of ${label}`;
  const effective = effectiveScopes(token, issuerRole);
  return effective.length > 0 ? effective.join(", ") : `None (${label} holds none of the chosen scopes)`;
}
