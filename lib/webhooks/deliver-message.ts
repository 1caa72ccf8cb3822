// One attempt at delivering a message: a signed POST with a time limit, no redirects followed, only to
// addresses webhooks may reach, and at most a short excerpt of the answer kept (an endpoint's page is
// not ours to store). What the delivery log says of a failure is read by the tenant's admin, who chose
// the URL: a destination that was refused or could not be reached gets one neutral sentence whatever
// the reason, so the log cannot be used to learn which internal names resolve, to what, or which ports
// are open. The reason itself goes to the server log, for the operator.
import http from "node:http";
import https from "node:https";
import { assertLiteralDestination, guardedLookup } from "@/lib/webhooks/destination";
import { signatureHeaders } from "@/lib/webhooks/sign-message";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 512;
export const USER_AGENT = "Keyport-Webhooks/1.0";

/** The delivery log's words for every refused or unreachable destination, whatever the reason. */
export const UNREACHABLE_DESTINATION = "Could not deliver: the destination could not be reached or is not allowed.";

export type AttemptOutcome = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null; responseExcerpt: string | null };

type Answer = { status: number; excerpt: string | null };

/**
 * POSTs `body` to `url` and reads at most EXCERPT_BYTES of the answer, all within `timeoutMs`. Only to
 * addresses webhooks may reach (lib/webhooks/destination.ts), checked on the address connected to.
 * Redirects are not followed: http.request never does.
 */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  assertLiteralDestination(url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    let connected = false;
    const request = client.request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () =>
        settle(() => {
          const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8").replace(/\uFFFD+$/, "");
          resolve({ status: response.statusCode ?? 0, excerpt: text.length ? text : null });
          // The rest of the answer is not ours to read.
          response.destroy();
        });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    // A time limit reached before a connection was made (a resolver that hangs, packets dropped) says
    // no more than a refusal does; after it, the endpoint itself did not answer.
    request.on("socket", (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once("connect", () => (connected = true));
    });
    const timer = setTimeout(() => {
      const timeout = Object.assign(new Error(`No answer within ${timeoutMs} ms`), { name: connected ? "TimeoutError" : "ConnectTimeoutError" });
      settle(() => reject(timeout));
      request.destroy(timeout);
    }, timeoutMs);
    request.on("error", (error) => settle(() => reject(error)));
    request.end(body);
  });
}

/** What the delivery log says of an attempt that got no HTTP answer. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") return `No answer within ${timeoutMs / 1000} s.`;
  return UNREACHABLE_DESTINATION;
}

/** The detailed reason, for the server log only (never the tenant's delivery log). */
function detailedReason(error: unknown): string {
  const record = error as { name?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const code = typeof record?.code === "string" ? record.code : typeof record?.cause?.code === "string" ? record.cause.code : null;
  const message = error instanceof Error ? error.message : String(error);
  return [code, message].filter(Boolean).join(": ").slice(0, 500);
}

export async function deliverMessage(input: { url: string; secret: string; messageId: string; body: string; sentAt: Date; timeoutMs?: number }): Promise<AttemptOutcome> {
  const timeoutMs = input.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  try {
    const headers = { "content-type": "application/json", "user-agent": USER_AGENT, ...signatureHeaders(input.secret, input.messageId, input.sentAt, input.body) };
    const answer = await post(new URL(input.url), headers, input.body, timeoutMs);
    const durationMs = elapsed();
    const ok = answer.status >= 200 && answer.status < 300;
    const redirected = answer.status >= 300 && answer.status < 400;
    return {
      ok,
      statusCode: answer.status,
      durationMs,
      error: ok ? null : redirected ? `Redirected (${answer.status}); redirects are not followed: use the final URL.` : `The endpoint answered ${answer.status}.`,
      responseExcerpt: answer.excerpt,
    };
  } catch (error) {
    const durationMs = elapsed();
    const described = describeFailure(error, timeoutMs);
    if (described === UNREACHABLE_DESTINATION) {
      let host = "";
      try {
        host = new URL(input.url).host;
      } catch {
        host = "(not a URL)";
      }
      console.warn(`keyport: webhook message ${input.messageId} to ${host} not delivered: ${detailedReason(error)}`);
    }
    return { ok: false, statusCode: null, durationMs, error: described, responseExcerpt: null };
  }
}
