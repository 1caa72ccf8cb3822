// Sign-in over plain HTTP, as a script or an attacker would do it: next-auth's CSRF token, then the
// credentials POST. The connection can come from any loopback address (127.x.y.z), so a test has a
// client IP of its own and its failed sign-ins never count against the browser tests' 127.0.0.1.
import http from "node:http";
import { randomInt } from "node:crypto";
import { PORT } from "../support/fixtures";

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string };

export function request(path: string, options: { method?: string; from?: string; host?: string; cookie?: string; form?: Record<string, string> } = {}): Promise<HttpAnswer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: Record<string, string> = { host: options.host ?? `localhost:${PORT}` };
  if (options.cookie) headers.cookie = options.cookie;
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port: Number(PORT), path, method: options.method ?? (body ? "POST" : "GET"), headers, localAddress: options.from },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The name=value pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiesOf(answer: HttpAnswer): string[] {
  return (answer.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]);
}

/** A loopback address no other test uses: a client IP of the test's own. */
export function freshLoopbackIp(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export type SignInOutcome = { status: number; error: string | null; sessionCookie: string | null; deviceCookie: string | null };

export type SignInOptions = { from?: string; host?: string; cookie?: string };

/** What a sign-in form holds before it is sent: next-auth's CSRF token and the cookie that goes with it. */
export type PreparedSignIn = { csrfToken: string; cookie: string };

export async function prepareSignIn(options: SignInOptions = {}): Promise<PreparedSignIn> {
  const csrf = await request("/api/auth/csrf", options);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  return { csrfToken, cookie: [...cookiesOf(csrf), ...(options.cookie ? [options.cookie] : [])].join("; ") };
}

/** Sends a prepared sign-in: lets a test fire many at once, with nothing else in between. */
export async function sendSignIn(email: string, password: string, prepared: PreparedSignIn, options: SignInOptions = {}): Promise<SignInOutcome> {
  const answer = await request("/api/auth/callback/credentials", { ...options, cookie: prepared.cookie, form: { csrfToken: prepared.csrfToken, email, password, json: "true" } });
  if (answer.status >= 500) throw new Error(`sign-in answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  const { url } = JSON.parse(answer.text) as { url: string };
  const named = (name: string) => cookiesOf(answer).find((cookie) => cookie.startsWith(`${name}=`) && cookie.length > name.length + 1) ?? null;
  return { status: answer.status, error: new URL(url, `http://localhost:${PORT}`).searchParams.get("error"), sessionCookie: named("next-auth.session-token"), deviceCookie: named("keyport-device") };
}

/**
 * One sign-in attempt through next-auth's endpoints; `error` is the code next-auth hands the form (null on
 * success). `cookie` is sent along (a remembered device's cookie, say).
 */
export async function signInOverHttp(email: string, password: string, options: SignInOptions = {}): Promise<SignInOutcome> {
  return sendSignIn(email, password, await prepareSignIn(options), options);
}
