import { withApiAuth } from "@/lib/api/with-api-auth";
import { readListQuery } from "@/lib/api/list-query";
import { listStreams } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

const STREAM_SPEC = { fields: {}, sortFields: { displayName: "displayName", createdAt: "createdAt" }, defaultSort: { column: "displayName", direction: "asc" } } as const;

export const GET = withApiAuth(async (request, { principal }) => listStreams(principal.tenant.id, await readListQuery(request, STREAM_SPEC)), { action: "discovery.list" });
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
