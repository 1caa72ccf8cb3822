// Playwright's global set-up: the mail server every Keyport server of the run sends to
// (KEYPORT_SMTP_URL), keeping each message as JSON in KEYPORT_E2E_MAIL_DIR for the specs to read.
import fs from "node:fs";
import { startMailSink } from "./mail-sink";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const url = new URL(process.env.KEYPORT_SMTP_URL ?? "");
  const folder = process.env.KEYPORT_E2E_MAIL_DIR ?? "";
  if (!url.port || !folder) throw new Error("the e2e configuration names the mail server (KEYPORT_SMTP_URL) and its folder (KEYPORT_E2E_MAIL_DIR)");
  fs.rmSync(folder, { recursive: true, force: true });
  const sink = await startMailSink({ port: Number(url.port), folder });
  return () => sink.stop();
}
