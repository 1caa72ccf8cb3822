import { withApiAuth } from "@/lib/api/with-api-auth";
import { setAlertRead } from "@/lib/resources/alerts";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>((_request, { principal, params }) => setAlertRead(principal.actor, params.id, false), { action: "alerts.markRead" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
