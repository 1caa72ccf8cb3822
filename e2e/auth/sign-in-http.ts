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

export type SignInOutcome = { status: number; error: string | null; sessionCookie: string | null };

/** One sign-in attempt through next-auth's endpoints; `error` is the code next-auth hands the form (null on success). */
export async function signInOverHttp(email: string, password: string, options: { from?: string; host?: string } = {}): Promise<SignInOutcome> {
  const csrf = await request("/api/auth/csrf", options);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const answer = await request("/api/auth/callback/credentials", {
    ...options,
    cookie: cookiesOf(csrf).join("; "),
    form: { csrfToken, email, password, json: "true" },
  });
  if (answer.status >= 500) throw new Error(`sign-in answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  const { url } = JSON.parse(answer.text) as { url: string };
  const sessionCookie = cookiesOf(answer).find((cookie) => cookie.startsWith("next-auth.session-token=") && cookie.length > "next-auth.session-token=".length) ?? null;
  return { status: answer.status, error: new URL(url, `http://localhost:${PORT}`).searchParams.get("error"), sessionCookie };
}
