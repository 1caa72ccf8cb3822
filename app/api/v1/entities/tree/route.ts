import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { getEntityTree } from "@/lib/resources/entities";
import { entityTreeBody } from "@/lib/resources/schemas/entities";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth(async (request, { principal }) => ({ data: await getEntityTree(principal.tenant.id, await readJsonObject(request, entityTreeBody)) }), {
  action: "entities.list",
});
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
