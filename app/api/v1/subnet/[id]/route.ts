import { withApiAuth } from "@/lib/api/with-api-auth";
import { deleteSubnet } from "@/lib/resources/subnets";
import { actorOf } from "@/lib/resources/actor";
import { otherMethods } from "@/lib/api/other-methods";

export const DELETE = withApiAuth<{ id: string }>((_request, { principal, params }) => deleteSubnet(actorOf(principal), params.id), { action: "subnets.manage" });
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
