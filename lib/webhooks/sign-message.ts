// Signing a webhook message the Standard Webhooks way, with the reference library (`standardwebhooks`,
// the same that receivers use to verify): HMAC-SHA256 with the secret over `id.timestamp.body`, sent as
// `webhook-signature: v1,<base64>` beside `webhook-id` and `webhook-timestamp` (seconds since the epoch).
import { Webhook } from "standardwebhooks";

export const SIGNATURE_HEADERS = { id: "webhook-id", timestamp: "webhook-timestamp", signature: "webhook-signature" } as const;

/** The three signature headers for one attempt. The timestamp is the attempt's, so a receiver can refuse replays. */
export function signatureHeaders(secret: string, messageId: string, sentAt: Date, body: string): Record<string, string> {
  return {
    [SIGNATURE_HEADERS.id]: messageId,
    [SIGNATURE_HEADERS.timestamp]: String(Math.floor(sentAt.getTime() / 1000)),
    [SIGNATURE_HEADERS.signature]: new Webhook(secret).sign(messageId, sentAt, body),
  };
}
