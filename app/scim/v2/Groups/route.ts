import { scimBody, urlOf, withScimAuth } from "@/lib/scim/with-scim-auth";
import { listQueryOf } from "@/lib/scim/list-params";
import { createScimGroup, listScimGroups } from "@/lib/scim/groups";

export const GET = withScimAuth((request, { actor }) => listScimGroups(actor.tenantId, listQueryOf(urlOf(request))));
export const POST = withScimAuth(async (request, { actor }) => createScimGroup(actor, await scimBody(request)), { status: 201 });
