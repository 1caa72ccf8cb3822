import { listRoute } from "@/lib/api/list-route";
import { CATEGORY_SPEC, listCategories } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET } = listRoute(CATEGORY_SPEC, listCategories, "discovery.list");
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
