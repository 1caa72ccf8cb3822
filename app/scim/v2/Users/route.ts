import { scimBody, urlOf, withScimAuth } from "@/lib/scim/with-scim-auth";
import { listQueryOf } from "@/lib/scim/list-params";
import { createScimUser, listScimUsers } from "@/lib/scim/users";

export const GET = withScimAuth((request, { actor }) => listScimUsers(actor.tenantId, listQueryOf(urlOf(request))));
export const POST = withScimAuth(async (request, { actor }) => createScimUser(actor, await scimBody(request)), { status: 201 });
