// Whether and how Keyport sends email. Without KEYPORT_SMTP_URL it sends none and writes no mail: the
// token policy page says so. Every instance of a deployment must be given the same setting.
import { config } from "@/lib/config";
import { publicOrigin } from "@/lib/http/public-url";

export type MailSettings = { url: string; from: string; host: string; portalUrl: string };

/** The mail server and sender, or null when no mail server is set. */
export function mailSettings(): MailSettings | null {
  const url = config.smtpUrl;
  if (!url) return null;
  const parsed = new URL(url);
  return {
    url,
    from: config.mailFrom,
    host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname,
    portalUrl: publicOrigin(),
  };
}
