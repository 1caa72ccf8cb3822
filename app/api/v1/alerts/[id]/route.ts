import { withApiAuth } from "@/lib/api/with-api-auth";
import { getAlert } from "@/lib/resources/alerts";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth<{ id: string }>((_request, { principal, params }) => getAlert(principal.tenant.id, params.id), { action: "alerts.list" });
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
