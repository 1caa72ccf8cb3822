import { listRoute } from "@/lib/api/list-route";
import { ALERT_SPEC, listAlerts } from "@/lib/resources/alerts";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET, POST } = listRoute(ALERT_SPEC, listAlerts, "alerts.list");
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
