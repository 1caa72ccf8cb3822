// What Keyport writes to a token's owner: 7 days and 1 day before the token expires, and when a leak
// report revoked it. Plain text, in words, with the token's page to act on.
import type { QueuedMail } from "@/lib/mail/queue-mail";
import { mailSettings } from "@/lib/mail/mail-settings";

type MailToken = { id: string; tenantId: string; name: string };

const WHEN = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

function portalPage(path: string): string {
  return `${mailSettings()?.portalUrl ?? ""}${path}`;
}

const FOOTER = "You get this email because the token is yours. Keyport";

export function expiryMail(token: MailToken & { expiresAt: Date }, to: string, daysLeft: 7 | 1): QueuedMail {
  const inWords = daysLeft === 1 ? "tomorrow" : "in 7 days";
  return {
    key: `token-expiry:${daysLeft}d:${token.id}:${token.expiresAt.getTime()}`,
    tenantId: token.tenantId,
    to,
    subject: `Your API token "${token.name}" expires ${inWords}`,
    text: [
      `Your Keyport API token "${token.name}" expires on ${WHEN.format(token.expiresAt)} UTC.`,
      "From then on every call made with it is refused. To keep what uses it working, rotate it or generate a replacement and put the new value where the old one is:",
      portalPage(`/settings/api-tokens/${token.id}`),
      "",
      FOOTER,
    ].join("\n"),
  };
}

export function leakMail(token: MailToken, to: string, reportedAt: Date): QueuedMail {
  return {
    key: `token-leaked:${token.id}`,
    tenantId: token.tenantId,
    to,
    subject: `Your API token "${token.name}" was reported leaked and revoked`,
    text: [
      `Your Keyport API token "${token.name}" was found where others can read it and reported to Keyport on ${WHEN.format(reportedAt)} UTC. Keyport revoked it at once: every call made with it is now refused.`,
      "Generate a replacement on your API tokens page, put it where the old value was used, and remove the leaked value from where it was found:",
      portalPage("/settings/api-tokens"),
      "",
      FOOTER,
    ].join("\n"),
  };
}
