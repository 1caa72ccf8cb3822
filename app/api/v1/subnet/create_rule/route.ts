import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { createSubnet } from "@/lib/resources/subnets";
import { createSubnetBody } from "@/lib/resources/schemas/subnets";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth(async (request, { principal }) => createSubnet(principal.actor, await readJsonObject(request, createSubnetBody)), { action: "subnets.manage" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
