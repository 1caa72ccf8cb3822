import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { giveActivityFeedback } from "@/lib/resources/activities";
import { activityFeedbackBody } from "@/lib/resources/schemas/activities";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(
  async (request, { principal, params }) => giveActivityFeedback(principal.actor, params.id, await readJsonObject(request, activityFeedbackBody)),
  { action: "activities.feedback" },
);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
