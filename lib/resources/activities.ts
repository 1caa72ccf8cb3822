// Activities: listing, fetching one, and analysts' feedback on a single activity.
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runListQuery, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/actor";
import type { Activity } from "@/lib/db/generated/client";
import { FEEDBACK_VALUES, type ActivityFeedbackInput } from "@/lib/resources/schemas/activities";

export const ACTIVITY_SPEC: ResourceSpec = {
  fields: {
    id: { type: "string", column: "id", operators: ["eq", "neq"] },
    date: { type: "date", column: "occurredAt", operators: ["gt", "gte", "lt", "lte", "range"] },
    "activity.eventType": { type: "string", column: "eventType", operators: ["eq", "neq"] },
    "user.username": { type: "string", column: "userName", operators: ["eq", "neq", "contains"] },
    service: { type: "int", column: "appId", operators: ["eq", "neq"] },
    "app.name": { type: "string", column: "appName", operators: ["eq", "neq", "contains"] },
    "ip.address": { type: "string", column: "ipAddress", operators: ["eq", "neq", "contains"] },
    "location.country": { type: "string", column: "countryCode", operators: ["eq", "neq"] },
    description: { type: "string", column: "description", operators: ["contains"] },
    feedback: { type: "string", column: "feedback", operators: ["eq", "neq", "isset", "isnotset"], oneOf: FEEDBACK_VALUES },
  },
  sortFields: { date: "occurredAt", "user.username": "userName", "app.name": "appName" },
  defaultSort: { column: "occurredAt", direction: "desc" },
};

export function serializeActivity(row: Activity) {
  return {
    _id: row.id,
    timestamp: row.occurredAt.getTime(),
    eventTypeName: row.eventType,
    description: row.description,
    user: { userName: row.userName },
    appId: row.appId,
    appName: row.appName,
    device: { clientIP: row.ipAddress, userAgent: row.userAgent },
    location: { countryCode: row.countryCode },
    feedback: row.feedback ? { value: row.feedback, comment: row.feedbackNote, by: row.feedbackBy } : null,
  };
}

export function listActivities(tenantId: string, query: ListQuery) {
  return runListQuery(query, tenantId, (args) => db.activity.findMany(args), (args) => db.activity.count(args), serializeActivity);
}

export async function getActivity(tenantId: string, id: string) {
  const row = await db.activity.findFirst({ where: { id, tenantId } });
  if (!row) throw new AppError("not_found", "No activity with this id in this tenant.");
  return serializeActivity(row);
}

export async function giveActivityFeedback(actor: Actor, id: string, input: ActivityFeedbackInput) {
  await transaction(async (tx) => {
    const { count } = await tx.activity.updateMany({
      where: { id, tenantId: actor.tenantId },
      data: { feedback: input.feedback, feedbackNote: input.comment ?? null, feedbackBy: actor.label },
    });
    if (count === 0) throw new AppError("not_found", "No activity with this id in this tenant.");
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: "activities.feedback", targetType: "activity", targetId: id, details: input }, tx);
  });
  return getActivity(actor.tenantId, id);
}
