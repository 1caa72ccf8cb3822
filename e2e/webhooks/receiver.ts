// A webhook receiver as a customer would run one: a Node HTTP server on a free port of 127.0.0.1 that
// verifies every request's signature with the Standard Webhooks library, and answers as scripted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedEvent = { path: string; headers: Record<string, string>; body: string; status: number };

export async function startReceiver() {
  const received: ReceivedEvent[] = [];
  const script: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = script.shift() ?? 200;
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "received" : "try again later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    /** Statuses to answer with, in turn; 200 once they run out. */
    script,
    /** The events whose signature `secret` verifies, parsed (throws on any other). */
    verified(secret: string) {
      const webhook = new Webhook(secret);
      return received.map((event) => webhook.verify(event.body, event.headers) as { type: string; data: Record<string, unknown> });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
