import { withApiAuth } from "@/lib/api/with-api-auth";

/** Who the credential acts as, and what it may do right now. */
export const GET = withApiAuth(
  (_request, { principal }) => ({
    tenant: principal.tenant,
    user: { id: principal.user.id, name: principal.user.name, email: principal.user.email, role: principal.user.role },
    credential: { type: principal.type, kind: principal.tokenKind },
    scopes: principal.scopes,
  }),
  { action: "whoami" },
);
