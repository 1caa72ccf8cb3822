import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { updateSubnet, updateSubnetInput } from "@/lib/resources/subnets";
import { actorOf } from "@/lib/resources/actor";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(
  async (request, { principal, params }) => updateSubnet(actorOf(principal), params.id, await readJsonObject(request, updateSubnetInput)),
  { action: "subnets.manage" },
);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
