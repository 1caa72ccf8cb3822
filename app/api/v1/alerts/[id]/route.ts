import { withApiAuth } from "@/lib/api/with-api-auth";
import { getAlert } from "@/lib/resources/alerts";

export const GET = withApiAuth<{ id: string }>((_request, { principal, params }) => getAlert(principal.tenant.id, params.id), { action: "alerts.list" });
