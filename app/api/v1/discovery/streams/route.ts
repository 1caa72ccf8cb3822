import { listRoute } from "@/lib/api/list-route";
import { listStreams, STREAM_SPEC } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET } = listRoute(STREAM_SPEC, listStreams, "discovery.list");
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
