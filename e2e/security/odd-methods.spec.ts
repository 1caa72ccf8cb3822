// Methods no route serves (CONNECT, TRACE, WebDAV's) and OAuth paths that are almost right are
// answered like every other refusal: a JSON error with the usual headers, never a closed socket, an
// empty body or an answer a cache may keep.
import net from "node:net";
import { expect, EDGE_PORT, test } from "../support/fixtures";
import { send } from "./support/raw-http";

function expectJsonRefusal(response: { status: number; headers: Record<string, unknown>; text: string }, label: string) {
  expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(String(response.headers["content-type"]), label).toContain("application/json");
  expect(() => JSON.parse(response.text), `${label}: ${response.text.slice(0, 200)}`).not.toThrow();
  expect(response.headers["cache-control"], label).toBe("no-store");
  expect(response.headers["x-content-type-options"], label).toBe("nosniff");
  expect(String(response.headers["content-security-policy"]), label).toContain("frame-ancestors 'none'");
}

/** Sends a request line and headers on a socket of its own and reads until the server closes it. */
function rawExchange(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(EDGE_PORT), "127.0.0.1");
    let answer = "";
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer within 10 s to ${head.split("\r\n")[0]}`)));
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.write(head);
  });
}

test("CONNECT is answered with a 405 JSON error and the usual headers, not a closed socket", async () => {
  for (const target of [`localhost:${EDGE_PORT}`, "evil.example:443", "/"]) {
    const answer = await rawExchange(`CONNECT ${target} HTTP/1.1\r\nHost: localhost:${EDGE_PORT}\r\n\r\n`);
    const [head, body] = answer.split("\r\n\r\n");
    expect(head, target).toMatch(/^HTTP\/1\.1 405 /);
    const headers = Object.fromEntries(head.split("\r\n").slice(1).map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
    expectJsonRefusal({ status: 405, headers, text: body }, `CONNECT ${target}`);
    expect(JSON.parse(body).error.code).toBe("method_not_allowed");
    expect(headers.allow).toContain("GET");
  }
});

test("TRACE and other methods no route serves are 405 JSON errors with the usual headers, on pages, API and OAuth paths", async ({ tenant }) => {
  for (const method of ["TRACE", "PROPFIND", "SEARCH", "MKCOL"]) {
    for (const path of ["/", "/settings/api-tokens", "/api/v1/alerts/", `/${tenant.id}/oauth2/v2.0/token`]) {
      const response = await send({ method, path });
      expectJsonRefusal(response, `${method} ${path}`);
      expect(response.status).toBe(405);
    }
  }
});

test("a static file takes GET and HEAD only: any other method is a 405 JSON error, not a 500", async () => {
  for (const path of ["/favicon.ico", "/favicon.svg", "/logo.svg"]) {
    expect((await send({ path })).status, `GET ${path}`).toBe(200);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await send({ method, path, headers: { "content-type": "text/plain" }, body: method === "OPTIONS" ? undefined : "x" });
      expectJsonRefusal(response, `${method} ${path}`);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD");
    }
  }
});

test("OAuth paths that are almost right answer JSON with no-store, whatever their method", async ({ tenant }) => {
  const paths = [
    "/%2F/oauth2/token",
    "/%2F/oauth2/v2.0/token",
    "/%2f/discovery/v2.0/keys",
    "/%2F/v2.0/.well-known/openid-configuration",
    "/%5C/oauth2/token",
    `/${tenant.id}/oauth2/token/extra`,
    `/${tenant.id}/oauth2/`,
    `/${tenant.id}/oauth2/v2.0/token%2F`,
  ];
  for (const path of paths) {
    for (const method of ["GET", "POST", "DELETE", "PUT"]) {
      const response = await send({ method, path, headers: { "content-type": "application/x-www-form-urlencoded" }, body: method === "GET" ? undefined : "grant_type=client_credentials" });
      expectJsonRefusal(response, `${method} ${path}`);
      expect(typeof response.json.error, `${method} ${path}`).toBe("string");
    }
  }
});
