// The events a webhook can receive, and what each means, in the words of the Webhooks page.

export const WEBHOOK_EVENT_TYPES = ["token.created", "token.rotated", "token.revoked", "token.expiring", "token.expired", "token.leaked", "user.deprovisioned", "service_account.created", "service_account.disabled", "service_account.enabled", "service_account.deleted"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "token.created": "A token was generated",
  "token.rotated": "A token was rotated (a new value for the same token)",
  "token.revoked": "A token was revoked",
  "token.expiring": "A token expires in 7 days, and again 1 day before",
  "token.expired": "A token expired",
  "token.leaked": "A token was reported leaked and revoked",
  "user.deprovisioned": "A user was deprovisioned",
  "service_account.created": "A service account was added",
  "service_account.disabled": "A service account was disabled (its tokens are refused)",
  "service_account.enabled": "A disabled service account was enabled again (its tokens work again)",
  "service_account.deleted": "A service account was deleted (its tokens are revoked)",
};

/** Sent by "Send test event" to one webhook only; no webhook subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The event types a webhook stored, ignoring anything that is not one (a type dropped in a later version). */
export function parseEventTypes(json: string): WebhookEventType[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((item): item is WebhookEventType => typeof item === "string" && isWebhookEventType(item)) : [];
  } catch {
    return [];
  }
}
