// Which API tokens a user may see and manage: a full admin every API token of the tenant (service
// accounts' included), anybody else only their own (never a service account's, even one they made). Revoked tokens are gone for everyone. Listing, details, rotation and revocation all
// start from this condition, so none of them can reach another user's or tenant's token.
import type { Prisma } from "@/lib/db/generated/client";
import type { UserActor } from "@/lib/actor";
import { isFullAdmin } from "@/lib/permissions";

/** Whether the actor sees (and may revoke and rotate) every API token of the tenant, not only their own. */
export function seesAllTokens(actor: UserActor): boolean {
  return actor.role !== null && isFullAdmin(actor.role);
}

/** Live API tokens an actor may see. */
export function visibleApiTokensWhere(actor: UserActor): Prisma.ApiTokenWhereInput & { tenantId: string } {
  return {
    tenantId: actor.tenantId,
    kind: "API_TOKEN",
    revokedAt: null,
    ...(seesAllTokens(actor) ? {} : { userId: actor.userId, serviceAccountId: null }),
  };
}
