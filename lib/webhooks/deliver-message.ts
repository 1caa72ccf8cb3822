// One attempt at delivering a message: a signed POST with a time limit, no redirects followed, and at
// most a short excerpt of the answer kept (an endpoint's page is not ours to store).
import { signatureHeaders } from "@/lib/webhooks/sign-message";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 512;
export const USER_AGENT = "Keyport-Webhooks/1.0";

export type AttemptOutcome = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null; responseExcerpt: string | null };

/** Reads at most `limit` bytes of a body, then lets the rest go. */
async function excerptOf(response: Response, limit = EXCERPT_BYTES): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, limit).toString("utf8").replace(/\uFFFD+$/, "");
  return text.length ? text : null;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `No answer within ${timeoutMs / 1000} s.`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === "string") return `Could not connect: ${cause.code}${typeof cause.message === "string" ? ` (${cause.message})` : ""}.`.slice(0, 300);
  return `Could not deliver: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}

export async function deliverMessage(input: { url: string; secret: string; messageId: string; body: string; sentAt: Date; timeoutMs?: number }): Promise<AttemptOutcome> {
  const timeoutMs = input.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  try {
    const response = await fetch(input.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...signatureHeaders(input.secret, input.messageId, input.sentAt, input.body) },
      body: input.body,
      // A redirect is an answer, not a new address to send the event (and its signature) to.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseExcerpt = await excerptOf(response).catch(() => null);
    const durationMs = elapsed();
    const ok = response.status >= 200 && response.status < 300;
    const redirected = response.status >= 300 && response.status < 400;
    return {
      ok,
      statusCode: response.status,
      durationMs,
      error: ok ? null : redirected ? `Redirected (${response.status}); redirects are not followed: use the final URL.` : `The endpoint answered ${response.status}.`,
      responseExcerpt,
    };
  } catch (error) {
    return { ok: false, statusCode: null, durationMs: elapsed(), error: describeFailure(error, timeoutMs), responseExcerpt: null };
  }
}
