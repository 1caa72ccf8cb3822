import { withApiAuth } from "@/lib/api/with-api-auth";
import { getEntity } from "@/lib/resources/entities";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth<{ id: string }>((_request, { principal, params }) => getEntity(principal.tenant.id, params.id), { action: "entities.list" });
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
