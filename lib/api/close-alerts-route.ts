// POST /api/v1/alerts/close_benign/, close_false_positive/ and close_true_positive/: one handler, the
// reason named by the endpoint.
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { closeAlerts } from "@/lib/resources/alerts";
import { closeAlertsBody, type CloseReason } from "@/lib/resources/schemas/alerts";

export function closeAlertsRoute(reason: CloseReason) {
  return withApiAuth(async (request, { principal }) => closeAlerts(principal.actor, await readJsonObject(request, closeAlertsBody), reason), { action: "alerts.close" });
}
