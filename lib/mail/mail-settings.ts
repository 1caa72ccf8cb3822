// Whether and how Keyport sends email. Without KEYPORT_SMTP_URL it sends none and writes no mail: the
// token policy page says so. Every instance of a deployment must be given the same setting.
export type MailSettings = { url: string; from: string; host: string; portalUrl: string };

const DEFAULT_FROM = "Keyport <keyport@localhost>";

/** The mail server and sender, or null when no mail server is set. */
export function mailSettings(): MailSettings | null {
  const url = process.env.KEYPORT_SMTP_URL?.trim();
  if (!url) return null;
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") throw new Error("not smtp");
    host = parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    throw new Error(`KEYPORT_SMTP_URL must be an smtp:// or smtps:// URL (e.g. smtps://user:password@mail.example.com:465), got '${url.replace(/\/\/[^@/]*@/, "//…@")}'.`);
  }
  const portalUrl = (process.env.KEYPORT_PUBLIC_URL || `http://localhost:${process.env.PORT || "3000"}`).replace(/\/+$/, "");
  return { url, from: process.env.KEYPORT_MAIL_FROM?.trim() || DEFAULT_FROM, host, portalUrl };
}
