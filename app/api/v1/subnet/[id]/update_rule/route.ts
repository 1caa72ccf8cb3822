import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { updateSubnet } from "@/lib/resources/subnets";
import { updateSubnetBody } from "@/lib/resources/schemas/subnets";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(
  async (request, { principal, params }) => updateSubnet(principal.actor, params.id, await readJsonObject(request, updateSubnetBody)),
  { action: "subnets.manage" },
);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
