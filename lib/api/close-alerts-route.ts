import { z } from "zod";
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { closeAlerts, type CloseReason } from "@/lib/resources/alerts";
import { actorOf } from "@/lib/resources/actor";

const closeBody = z
  .object({
    filters: z.record(z.string(), z.record(z.string(), z.unknown())),
    comment: z.string().max(2000).optional(),
    // Accepted for compatibility with the product's API; the reason is the endpoint itself.
    reasonId: z.number().int().optional(),
    sendFeedback: z.boolean().optional(),
    feedbackText: z.string().max(2000).optional(),
    allowContact: z.boolean().optional(),
    contactEmail: z.string().max(320).optional(),
  })
  .strict();

/** POST /api/v1/alerts/close_<reason>/ */
export function closeAlertsRoute(reason: CloseReason) {
  return withApiAuth(async (request, { principal }) => closeAlerts(actorOf(principal), await readJsonObject(request, closeBody), reason), { action: "alerts.close" });
}
