"use server";
// Server actions of the Webhooks page (full admins only): add a webhook (its signing secret shown
// once), change one, delete one, send it a test event, resume one that was paused after failures.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { authSecret } from "@/lib/auth/auth-secret";
import { createWebhook, deleteWebhook, resumeWebhook, sendTestEvent, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { createWebhookSchema, NO_SUCH_WEBHOOK, updateWebhookSchema, webhookTargetSchema } from "@/lib/webhooks/schemas";

const PAGE = "/settings/webhooks";
const permission = "portal.webhooks.manage";

export const createWebhookAction = defineAction({ schema: createWebhookSchema, permission, invalidMessage: "Check the highlighted fields." }, async (input, { actor }) => {
  const created = await createWebhook(actor, input, authSecret());
  revalidatePath(PAGE);
  return created;
});

export const updateWebhookAction = defineAction({ schema: updateWebhookSchema, permission, invalidMessage: "Check the highlighted fields." }, async ({ webhookId, ...input }, { actor }) => {
  const updated = await updateWebhook(actor, webhookId, input);
  revalidatePath(PAGE);
  revalidatePath(`${PAGE}/${webhookId}`);
  return updated;
});

// A malformed id is answered like an id that names no webhook.
export const deleteWebhookAction = defineAction({ schema: webhookTargetSchema, permission, invalidMessage: NO_SUCH_WEBHOOK }, async ({ webhookId }, { actor }) => {
  const deleted = await deleteWebhook(actor, webhookId);
  revalidatePath(PAGE);
  return deleted;
});

export const sendTestEventAction = defineAction({ schema: webhookTargetSchema, permission, invalidMessage: NO_SUCH_WEBHOOK }, async ({ webhookId }, { actor }) => {
  const sent = await sendTestEvent(actor, webhookId);
  revalidatePath(`${PAGE}/${webhookId}`);
  return sent;
});

export const resumeWebhookAction = defineAction({ schema: webhookTargetSchema, permission, invalidMessage: NO_SUCH_WEBHOOK }, async ({ webhookId }, { actor }) => {
  const resumed = await resumeWebhook(actor, webhookId);
  revalidatePath(PAGE);
  revalidatePath(`${PAGE}/${webhookId}`);
  return resumed;
});
