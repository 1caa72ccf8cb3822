import { listRoute } from "@/lib/api/list-route";
import { ENTITY_SPEC, listEntities } from "@/lib/resources/entities";

export const { GET, POST } = listRoute(ENTITY_SPEC, listEntities, "entities.list");
