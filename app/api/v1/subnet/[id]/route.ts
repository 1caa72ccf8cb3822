import { withApiAuth } from "@/lib/api/with-api-auth";
import { deleteSubnet } from "@/lib/resources/subnets";
import { actorOf } from "@/lib/resources/actor";

export const DELETE = withApiAuth<{ id: string }>((_request, { principal, params }) => deleteSubnet(actorOf(principal), params.id), { action: "subnets.manage" });
