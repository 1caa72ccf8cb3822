// A plain HTTP client for the API, like a customer's script: Node's http module, so the Host header
// can name a tenant URL while the connection goes to 127.0.0.1 (Node does not resolve *.localhost).
import http from "node:http";
import { PORT } from "./fixtures";
import { PROXY_SOURCE_ADDRESS } from "./round-robin-proxy";
import { assertMatchesOpenApi } from "./openapi-check";

export type ApiResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any };

/** `port`: send to this port (one instance) instead of the run's base port, still naming the base URL's host. */
/** `instance`: through the proxy of the PostgreSQL run, pinned to that instance (0, 1). */
export type CallOptions = {
  token?: string;
  authorization?: string;
  host?: string;
  method?: string;
  body?: unknown;
  contentType?: string;
  port?: number;
  instance?: number;
  userAgent?: string;
  /** Give up when no byte of the answer came for this long (default 30 s: a loaded machine is slow, a hang is not). */
  timeoutMs?: number;
  /** With `port` on one instance of the PostgreSQL run: speak as its load balancer does for this client address. */
  forwardedFor?: string;
};

/** Every answer from /api/v1/ is checked against the OpenAPI document: a mismatch fails the call (and the test). */
export async function callApi(path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const response = await sendApiRequest(path, { ...options, method });
  await assertMatchesOpenApi({ method, path, status: response.status, headers: response.headers, text: response.text });
  return response;
}

/**
 * Node's global agent gives every socket a 5 s idle timeout of its own: without a timeout here, an answer slower
 * than that on a loaded machine would fail the call as a hang would.
 */
const DEFAULT_TIMEOUT_MS = 30_000;

function sendApiRequest(path: string, options: CallOptions): Promise<ApiResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const payload =
    options.body === undefined ? undefined : typeof options.body === "string" || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { host: options.host ?? `localhost:${options.port ?? PORT}`, "user-agent": options.userAgent ?? "keyport-e2e-script/1.0" };
  if (options.instance !== undefined) headers["x-e2e-instance"] = String(options.instance);
  if (options.forwardedFor) headers["x-forwarded-for"] = options.forwardedFor;
  if (options.token) headers.authorization = `Token ${options.token}`;
  if (options.authorization) headers.authorization = options.authorization;
  if (payload !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const target = { host: "127.0.0.1", port: options.port ?? Number(PORT), localAddress: options.forwardedFor ? PROXY_SOURCE_ADDRESS : undefined };
    const request = http.request({ ...target, path, method: options.method ?? (payload ? "POST" : "GET"), headers, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: the test will say so
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    request.on("error", reject);
    request.on("timeout", () => request.destroy(new Error(`${options.method} ${path}: no answer within ${timeoutMs} ms (sent ${Date.now() - started} ms ago)`)));
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

export function tenantHost(slug: string): string {
  return `${slug}.localhost:${PORT}`;
}

/** A multipart/form-data body, as `curl -F` sends it. */
export function multipart(fields: Record<string, string | { fileName: string; content: string }>): { body: Buffer; contentType: string } {
  const boundary = `----keyport${Date.now().toString(16)}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    typeof value === "string"
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.fileName}"\r\nContent-Type: text/plain\r\n\r\n${value.content}\r\n`,
  );
  return { body: Buffer.from(parts.join("") + `--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}
