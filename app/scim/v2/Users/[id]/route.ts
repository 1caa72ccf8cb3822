import { scimBody, urlOf, withScimAuth } from "@/lib/scim/with-scim-auth";
import { listQueryOf } from "@/lib/scim/list-params";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/scim/users";

type Params = { id: string };

export const GET = withScimAuth<Params>((request, { actor, params }) => getScimUser(actor.tenantId, params.id, listQueryOf(urlOf(request))));
export const PUT = withScimAuth<Params>(async (request, { actor, params }) => replaceScimUser(actor, params.id, await scimBody(request)));
export const PATCH = withScimAuth<Params>(async (request, { actor, params }) => patchScimUser(actor, params.id, await scimBody(request)));
export const DELETE = withScimAuth<Params>(async (_request, { actor, params }) => {
  await deleteScimUser(actor, params.id);
  return new Response(null, { status: 204 });
});
