// Who is acting, in one shape for every change in lib/: a signed-in user in the portal, or the issuer
// (or application) behind an API credential. Modules take it to scope their queries to the actor's
// tenant, to decide what the actor may see, and to write the audit trail.
import type { Role } from "@/lib/permissions";

export type Actor = {
  tenantId: string;
  /** The user acting, or null when an application acts (OAuth client credentials). */
  userId: string | null;
  /** Who acted, in words (an email, or "app:<name>"): written to rows and the audit trail. */
  label: string;
  /** The acting user's role now; null for an application. */
  role: Role | null;
  /** How the change came: "provisioning" when the tenant's SCIM client made it (the audit trail says so). */
  via?: "provisioning";
};

/** An actor that is a person: most portal changes and token management need one. */
export type UserActor = Actor & { userId: string };

export function isUserActor(actor: Actor): actor is UserActor {
  return actor.userId !== null;
}
