import { listRoute } from "@/lib/api/list-route";
import { ENTITY_SPEC, listEntities } from "@/lib/resources/entities";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET, POST } = listRoute(ENTITY_SPEC, listEntities, "entities.list");
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
