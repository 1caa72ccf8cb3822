import { withApiAuth } from "@/lib/api/with-api-auth";
import { setAlertRead } from "@/lib/resources/alerts";

export const POST = withApiAuth<{ id: string }>((_request, { principal, params }) => setAlertRead(principal.tenant.id, params.id, false), { action: "alerts.markRead" });
