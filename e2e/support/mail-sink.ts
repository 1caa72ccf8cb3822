// A real SMTP server on loopback (smtp-server) that keeps every message it is given, parsed
// (mailparser): what Keyport's mail job sends is read here as a person's mailbox would show it. With a
// folder, each message is also written there as JSON, so test workers read what a server in the
// runner's process received.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SunkMail = { to: string[]; from: string; subject: string; text: string };

export type MailSink = {
  port: number;
  received: SunkMail[];
  /** From now on, refuse every recipient with this reply (null: accept again). */
  refuse(reply: string | null): void;
  stop(): Promise<void>;
};

export async function startMailSink(options: { port?: number; folder?: string } = {}): Promise<MailSink> {
  const received: SunkMail[] = [];
  let refusal: string | null = null;
  if (options.folder) fs.mkdirSync(options.folder, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusal ? Object.assign(new Error(refusal), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: SunkMail = {
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          };
          received.push(mail);
          if (options.folder) fs.writeFileSync(path.join(options.folder, `${Date.now()}-${received.length}.json`), JSON.stringify(mail));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuse: (reply) => (refusal = reply),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messages a sink with this folder has received so far, oldest first. */
export function mailsIn(folder: string): SunkMail[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
    .map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")) as SunkMail);
}
