// One attempt at delivering a message: a signed POST with a time limit, no redirects followed, only to
// addresses webhooks may reach, and at most a short excerpt of the answer kept (an endpoint's page is
// not ours to store). What the delivery log says of a failure is read by the tenant's admin, who chose
// the URL, so it says in words what went wrong (never a system error code such as ENOTFOUND), but only
// what cannot map the operator's network: while webhooks may reach public addresses only (the
// default), a name that does not resolve and a name that resolves to a private address get the same
// sentence, and a refused connection, a TLS failure or a reset can only come from a public address.
// When the operator lets webhooks reach private networks, such words would tell which internal ports
// are open: every failure before an answer then gets one neutral sentence. The reason itself always
// goes to the server log, for the operator.
import http from "node:http";
import https from "node:https";
import { assertLiteralDestination, guardedLookup, privateNetworksAllowed } from "@/lib/webhooks/destination";
import { signatureHeaders } from "@/lib/webhooks/sign-message";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 512;
export const USER_AGENT = "Keyport-Webhooks/1.0";

/** The delivery log's words for a destination that was refused or could not be reached, when private networks are allowed. */
export const UNREACHABLE_DESTINATION = "Could not deliver: the destination could not be reached or is not allowed.";
/** The words for a host name that does not resolve, or resolves only to addresses webhooks may not reach. */
export const NO_PUBLIC_ADDRESS = "Could not deliver: the host name does not resolve to a public address. Check the host name in the URL.";

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

function errorCode(error: unknown): string | null {
  const record = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return typeof record?.code === "string" ? record.code : typeof record?.cause?.code === "string" ? record.cause.code : null;
}

const NAME_FAILURES = new Set(["EWEBHOOKBLOCKED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ENODATA"]);

/** The words for a TLS failure, by its error code; null when the code is not a TLS one. */
function tlsWords(code: string): string | null {
  if (code === "CERT_HAS_EXPIRED") return "Could not deliver: the endpoint's TLS certificate has expired.";
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return "Could not deliver: the endpoint's TLS certificate is for another host name.";
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED/.test(code)) return "Could not deliver: the endpoint's TLS certificate is not signed by a trusted authority.";
  if (/^(ERR_TLS|ERR_SSL|CERT_)|_CERT/.test(code)) return "Could not deliver: the TLS handshake with the endpoint failed.";
  return null;
}

/**
 * What the delivery log says of an attempt that got no HTTP answer, in words (see the top of this
 * file for what it may say). `privateAllowed` is the operator's setting at the time.
 */
export function describeFailure(error: unknown, timeoutMs: number, privateAllowed = privateNetworksAllowed()): string {
  const name = (error as { name?: unknown } | null)?.name;
  const seconds = timeoutMs / 1000;
  if (name === "TimeoutError") return `No answer within ${seconds} s.`;
  if (privateAllowed) return UNREACHABLE_DESTINATION;
  if (name === "ConnectTimeoutError") return `Timed out: no connection to the endpoint within ${seconds} s.`;
  const code = errorCode(error);
  if (!code) return UNREACHABLE_DESTINATION;
  if (NAME_FAILURES.has(code)) return NO_PUBLIC_ADDRESS;
  if (code === "ECONNREFUSED") return "Could not deliver: the endpoint refused the connection (nothing listens on that port).";
  if (code === "ECONNRESET" || code === "EPIPE") return "Could not deliver: the endpoint closed the connection before answering.";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "Could not deliver: the endpoint's network cannot be reached.";
  if (code === "ETIMEDOUT") return `Timed out: no connection to the endpoint within ${seconds} s.`;
  return tlsWords(code) ?? UNREACHABLE_DESTINATION;
}

/**
 * A delivery log text in words: an error stored before the log spoke words (a bare system error such
 * as "getaddrinfo ENOTFOUND example.com") is told as the words its code stands for.
 */
export function readableDeliveryError(text: string | null): string | null {
  if (!text) return text;
  const code = /\b(E[A-Z]{2,}[A-Z_]*|ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*)\b/.exec(text)?.[1];
  if (!code || text.startsWith("Could not deliver") || text.startsWith("Timed out")) return text;
  return describeFailure({ code }, DELIVERY_TIMEOUT_MS);
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
    // Every reason but the endpoint's own slowness goes to the server log in full, for the operator.
    if ((error as { name?: unknown } | null)?.name !== "TimeoutError") {
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
