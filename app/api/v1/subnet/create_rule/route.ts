import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { createSubnet, createSubnetInput } from "@/lib/resources/subnets";
import { actorOf } from "@/lib/resources/actor";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth(async (request, { principal }) => createSubnet(actorOf(principal), await readJsonObject(request, createSubnetInput)), {
  action: "subnets.manage",
});
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
