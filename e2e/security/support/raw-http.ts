// A raw HTTP client for the security specs: any method, path (sent exactly as written, malformed
// escapes included), headers and body, to any port, with a deadline; the answer is read whole.
import http from "node:http";
import { EDGE_PORT } from "../../support/fixtures";
import { assertMatchesOpenApi } from "../../support/openapi-check";

export type RawRequest = { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number | string; timeoutMs?: number };
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any; ms: number };

/** Sends the request; an answer from /api/v1/ is checked against the OpenAPI document (a mismatch throws). */
export async function send(request: RawRequest): Promise<RawResponse> {
  const response = await sendRaw(request);
  await assertMatchesOpenApi({ method: request.method ?? "GET", path: request.path, status: response.status, headers: response.headers, text: response.text });
  return response;
}

function sendRaw(request: RawRequest): Promise<RawResponse> {
  const started = Date.now();
  const port = Number(request.port ?? EDGE_PORT);
  const headers: Record<string, string> = { host: `localhost:${port}`, "user-agent": "keyport-security-e2e/1.0", ...request.headers };
  if (request.body !== undefined && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) {
    headers["content-length"] = String(Buffer.byteLength(request.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: request.path, method: request.method ?? "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
      });
      res.on("error", reject);
    });
    req.setTimeout(request.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${request.timeoutMs ?? 10_000} ms: ${request.method ?? "GET"} ${request.path}`)));
    req.on("error", reject);
    req.end(request.body);
  });
}

export type StreamResult = { status: number | null; body: string; answeredAfterMs: number | null; closedAfterMs: number; bytesSent: number };

/**
 * Streams `totalBytes` of body in `chunkBytes` chunks, pausing `pauseMs` between chunks, without a
 * Content-Length (chunked) unless `declareLength` is set. Resolves when the connection closes, telling
 * how much had been sent by then and when the answer came.
 */
export function streamBody(options: { path: string; headers?: Record<string, string>; totalBytes: number; chunkBytes?: number; pauseMs?: number; declareLength?: boolean; sendBody?: boolean; port?: number }): Promise<StreamResult> {
  const started = Date.now();
  const chunk = Buffer.alloc(options.chunkBytes ?? 256 * 1024, 0x61);
  const port = options.port ?? Number(EDGE_PORT);
  const headers: Record<string, string> = { host: `localhost:${port}`, ...options.headers };
  if (options.declareLength) headers["content-length"] = String(options.totalBytes);
  else headers["transfer-encoding"] = "chunked";
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let body = "";
    let answeredAfterMs: number | null = null;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      resolve({ status, body, answeredAfterMs, closedAfterMs: Date.now() - started, bytesSent: sent });
    };
    const req = http.request({ host: "127.0.0.1", port, path: options.path, method: "POST", headers, agent: false }, (res) => {
      status = res.statusCode ?? null;
      answeredAfterMs = Date.now() - started;
      res.on("data", (data: Buffer) => (body += data.toString("utf8")));
      res.on("end", () => setTimeout(finish, 3_000).unref());
    });
    req.on("error", finish);
    req.on("close", finish);
    const pump = () => {
      if (finished || req.destroyed) return;
      if (sent >= options.totalBytes) return void req.end();
      sent += chunk.length;
      const flushed = req.write(chunk);
      if (flushed) setTimeout(pump, options.pauseMs ?? 0);
      else req.once("drain", () => setTimeout(pump, options.pauseMs ?? 0));
    };
    if (options.sendBody === false) req.flushHeaders();
    else pump();
  });
}
