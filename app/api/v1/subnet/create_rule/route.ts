import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { createSubnet, createSubnetInput } from "@/lib/resources/subnets";
import { actorOf } from "@/lib/resources/actor";

export const POST = withApiAuth(async (request, { principal }) => createSubnet(actorOf(principal), await readJsonObject(request, createSubnetInput)), {
  action: "subnets.manage",
});
