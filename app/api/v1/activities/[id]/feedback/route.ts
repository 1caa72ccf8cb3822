import { z } from "zod";
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { FEEDBACK_VALUES, giveActivityFeedback } from "@/lib/resources/activities";
import { actorOf } from "@/lib/resources/actor";
import { otherMethods } from "@/lib/api/other-methods";

const feedbackBody = z.object({ feedback: z.enum(FEEDBACK_VALUES), comment: z.string().trim().max(2000).optional() }).strict();

export const POST = withApiAuth<{ id: string }>(
  async (request, { principal, params }) => giveActivityFeedback(actorOf(principal), params.id, await readJsonObject(request, feedbackBody)),
  { action: "activities.feedback" },
);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
