"use server";
// Server actions of the Alerts page: closing an alert goes through the same lib/ code as the API's
// close endpoints (the same audit trail, the same "open alerts only" rule), and needs the same
// permission ("alerts.close"): operators and full admins, not readers.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { closeAlerts, getAlert } from "@/lib/resources/alerts";
import { closeAlertInput } from "@/lib/resources/schemas/alerts";

export const closeAlertAction = defineAction({ schema: closeAlertInput, permission: "alerts.close" }, async ({ alertId, reason, comment }, { actor }) => {
  // Unknown here, or another tenant's: "not found", said the same way.
  await getAlert(actor.tenantId, alertId);
  const result = await closeAlerts(actor, { filters: { id: { eq: [alertId] } }, comment: comment || undefined }, reason);
  if (result.closed === 0) throw new AppError("conflict", "This alert is already closed.");
  revalidatePath("/alerts");
  revalidatePath(`/alerts/${alertId}`);
  return { closed: result.closed };
});
