import { withApiAuth } from "@/lib/api/with-api-auth";
import { readListQuery } from "@/lib/api/list-query";
import { listCategories } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

const CATEGORY_SPEC = { fields: {}, sortFields: {}, defaultSort: { column: "id", direction: "asc" } } as const;

export const GET = withApiAuth(async (request, { principal }) => listCategories(principal.tenant.id, await readListQuery(request, CATEGORY_SPEC)), { action: "discovery.list" });
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
