// Says, on the API tokens page, when the signed-in user's role can only read: every token they
// generate can read but never change anything (a token holds its issuer's role at each call).
import { ROLE_LABELS, scopesOfRole, type Role } from "@/lib/permissions";

/** True when none of the role's scopes lets a token change data. */
export function roleIsReadOnly(role: Role): boolean {
  return !scopesOfRole(role).some((scope) => scope.endsWith(".manage"));
}

export function ReadOnlyNotice({ role }: { role: Role }) {
  if (!roleIsReadOnly(role)) return null;
  return (
    <p role="note" className="mt-3 max-w-2xl rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700" data-testid="read-only-notice">
      <span className="font-medium">Your tokens are read-only.</span> As a {ROLE_LABELS[role]} you can generate tokens that read alerts,
      activities, entities, IP ranges and discovery data; no token of yours can change anything.
    </p>
  );
}
