import { withApiAuth } from "@/lib/api/with-api-auth";
import { otherMethods } from "@/lib/api/other-methods";

/** Who the credential acts as, and what it may do right now. */
export const GET = withApiAuth(
  (_request, { principal }) => ({
    tenant: principal.tenant,
    ...(principal.user ? { user: principal.user } : {}),
    ...(principal.app ? { app: principal.app } : {}),
    credential: principal.token ? { type: "token", kind: principal.token.kind } : { type: "app" },
    scopes: principal.scopes,
  }),
  { action: "whoami" },
);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
