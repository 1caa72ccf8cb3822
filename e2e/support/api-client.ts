// A plain HTTP client for the API, like a customer's script: Node's http module, so the Host header
// can name a tenant URL while the connection goes to 127.0.0.1 (Node does not resolve *.localhost).
import http from "node:http";
import { PORT } from "./fixtures";

export type ApiResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any };

export function callApi(path: string, options: { token?: string; authorization?: string; host?: string; method?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const payload = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { host: options.host ?? `localhost:${PORT}`, "user-agent": "keyport-e2e-script/1.0" };
  if (options.token) headers.authorization = `Token ${options.token}`;
  if (options.authorization) headers.authorization = options.authorization;
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: Number(PORT), path, method: options.method ?? (payload ? "POST" : "GET"), headers }, (response) => {
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
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

export function tenantHost(slug: string): string {
  return `${slug}.localhost:${PORT}`;
}
