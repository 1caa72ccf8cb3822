import { scimBody, urlOf, withScimAuth } from "@/lib/scim/with-scim-auth";
import { listQueryOf } from "@/lib/scim/list-params";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";

type Params = { id: string };

export const GET = withScimAuth<Params>((request, { actor, params }) => getScimGroup(actor.tenantId, params.id, listQueryOf(urlOf(request))));
export const PUT = withScimAuth<Params>(async (request, { actor, params }) => replaceScimGroup(actor, params.id, await scimBody(request)));
export const PATCH = withScimAuth<Params>(async (request, { actor, params }) => patchScimGroup(actor, params.id, await scimBody(request)));
export const DELETE = withScimAuth<Params>(async (_request, { actor, params }) => {
  await deleteScimGroup(actor, params.id);
  return new Response(null, { status: 204 });
});
