// A small load balancer for the end-to-end tests: each request goes to the next instance in turn
// (per request, not per connection, so one browser's page loads and API calls cross instances), and
// the client's address is appended to X-Forwarded-For as a real load balancer does.
//
// It connects to the instances from 127.0.0.2, so the instances can trust exactly this proxy
// (KEYPORT_TRUSTED_PROXIES=127.0.0.2) while the tests' own connections, from 127.0.0.1, stay
// untrusted clients whose X-Forwarded-For counts for nothing.
import http from "node:http";

export const PROXY_SOURCE_ADDRESS = "127.0.0.2";
/**
 * A test may pin its requests to one instance (0, 1 …) with this header, keeping the proxy's origin (a
 * browser context with extraHTTPHeaders, or callApi's `instance`): "act on one instance, check on the
 * other". The proxy removes it before forwarding.
 */
export const PIN_HEADER = "x-e2e-instance";

export type RoundRobinProxy = { server: http.Server; port: number; close(): Promise<void> };

export async function startRoundRobinProxy(options: { port: number; instancePorts: number[] }): Promise<RoundRobinProxy> {
  // Idle connections are dropped after 3 s, before an instance's own 5 s keep-alive timeout closes them.
  const agents = options.instancePorts.map(() => new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 3_000 }));
  let next = 0;
  const server = http.createServer((request, response) => {
    const pinned = Number(request.headers[PIN_HEADER]);
    delete request.headers[PIN_HEADER];
    const index = Number.isInteger(pinned) && pinned >= 0 && pinned < options.instancePorts.length ? pinned : next++ % options.instancePorts.length;
    const peer = request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
    const forwarded = request.headers["x-forwarded-for"];
    const headers = { ...request.headers, "x-forwarded-for": forwarded ? `${Array.isArray(forwarded) ? forwarded.join(", ") : forwarded}, ${peer}` : peer };
    const bodiless = request.method === "GET" || request.method === "HEAD";

    const forward = (attempt: number) => {
      const upstream = http.request(
        // The resend goes on a connection of its own: the instance may have closed every idle one at once.
        { host: "127.0.0.1", port: options.instancePorts[index], localAddress: PROXY_SOURCE_ADDRESS, method: request.method, path: request.url, headers, agent: attempt === 0 ? agents[index] : false },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.rawHeaders as unknown as http.OutgoingHttpHeaders);
          answer.pipe(response);
        },
      );
      upstream.on("error", (error) => {
        // A kept-alive connection the instance closed just as this request went out: the instance never
        // saw the request, so a request without a body is sent again, as a real load balancer does.
        if (bodiless && upstream.reusedSocket && attempt === 0 && !response.headersSent) return forward(1);
        if (!response.headersSent) {
          response.writeHead(502, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { code: "bad_gateway", message: `The instance on port ${options.instancePorts[index]} did not answer: ${error.message}` } }));
        } else {
          response.destroy();
        }
      });
      if (bodiless) upstream.end();
      else request.pipe(upstream);
    };
    if (bodiless) request.resume();
    forward(0);
  });
  // Next's streamed pages may take a while; the tests' own timeouts decide.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return {
    server,
    port: options.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const agent of agents) agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
