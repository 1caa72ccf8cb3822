// What the Webhooks page accepts: a new webhook (URL, description, events), a change to one, and a
// webhook's id.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { uuidSchema } from "@/lib/validation/common";
import { literalHostProblem } from "@/lib/webhooks/destination";

export const WEBHOOK_URL_MAX = 2000;
export const NO_SUCH_WEBHOOK = "That webhook does not exist.";

/** The problem with a webhook URL, or null when Keyport can send to it. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, such as https://example.com/keyport-events.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// or http://.";
  if (!url.hostname) return "The URL needs a host name.";
  // A user name or password in the URL would be shown on the page and kept in plain text.
  if (url.username || url.password) return "Put no user name or password in the URL: check the signature instead.";
  if (url.hash) return "The URL cannot have a #fragment.";
  return literalHostProblem(url.hostname);
}

export const webhookUrlSchema = z
  .string({ error: "Enter the URL Keyport sends events to." })
  .trim()
  .min(1, "Enter the URL Keyport sends events to.")
  .max(WEBHOOK_URL_MAX, `The URL can be at most ${WEBHOOK_URL_MAX} characters.`)
  .superRefine((value, context) => {
    const problem = webhookUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const createWebhookSchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200, "The description can be at most 200 characters.").default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose events from the list." }), { error: "Choose at least one event." })
    .min(1, "Choose at least one event.")
    .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type))),
});

export const webhookTargetSchema = z.object({ webhookId: uuidSchema });

/** A change to a webhook: the same rules as adding one. */
export const updateWebhookSchema = createWebhookSchema.extend({ webhookId: uuidSchema });
