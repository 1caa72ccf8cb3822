import { listRoute } from "@/lib/api/list-route";
import { listSubnets, SUBNET_SPEC } from "@/lib/resources/subnets";

export const { GET, POST } = listRoute(SUBNET_SPEC, listSubnets, "subnets.list");
