import { withApiAuth } from "@/lib/api/with-api-auth";
import { otherMethods } from "@/lib/api/other-methods";

/**
 * Who the credential acts as, and what it may do right now: `scopes` are its effective scopes (for a
 * token, its issuer's role now ∩ the scopes chosen when it was made). A token also says when it expires,
 * which scopes were chosen (null: all of the role), where it may be used from (empty: anywhere), and
 * whether the value presented is one a rotation replaced (it works until its grace period ends: switch).
 */
export const GET = withApiAuth(
  (_request, { principal }) => ({
    tenant: principal.tenant,
    ...(principal.user ? { user: principal.user } : {}),
    ...(principal.app ? { app: principal.app } : {}),
    credential: principal.token
      ? {
          type: "token",
          kind: principal.token.kind,
          id: principal.token.id,
          name: principal.token.name,
          expiresAt: principal.token.expiresAt,
          chosenScopes: principal.token.chosenScopes,
          allowedIps: principal.token.allowedIps,
          replacedValue: principal.token.replacedValue,
        }
      : { type: "app" },
    scopes: principal.scopes,
  }),
  { action: "whoami" },
);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
