// What clients may send about activities: an analyst's feedback on one.
import { z } from "zod";

export const FEEDBACK_VALUES = ["legitimate", "malicious", "not_sure"] as const;
export type Feedback = (typeof FEEDBACK_VALUES)[number];

/** POST /api/v1/activities/{id}/feedback/ */
export const activityFeedbackBody = z.object({ feedback: z.enum(FEEDBACK_VALUES), comment: z.string().trim().max(2000).optional() }).strict();
export type ActivityFeedbackInput = z.infer<typeof activityFeedbackBody>;
