import { listRoute } from "@/lib/api/list-route";
import { ALERT_SPEC, listAlerts } from "@/lib/resources/alerts";

export const { GET, POST } = listRoute(ALERT_SPEC, listAlerts, "alerts.list");
