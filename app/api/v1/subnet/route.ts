import { listRoute } from "@/lib/api/list-route";
import { listSubnets, SUBNET_SPEC } from "@/lib/resources/subnets";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET, POST } = listRoute(SUBNET_SPEC, listSubnets, "subnets.list");
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
