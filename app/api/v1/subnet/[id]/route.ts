import { withApiAuth } from "@/lib/api/with-api-auth";
import { deleteSubnet } from "@/lib/resources/subnets";
import { otherMethods } from "@/lib/api/other-methods";

export const DELETE = withApiAuth<{ id: string }>((_request, { principal, params }) => deleteSubnet(principal.actor, params.id), { action: "subnets.manage" });
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
