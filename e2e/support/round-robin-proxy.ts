// A small load balancer for the end-to-end tests: each request goes to the next instance in turn
// (per request, not per connection, so one browser's page loads and API calls cross instances), and
// the client's address is appended to X-Forwarded-For as a real load balancer does.
//
// Like a real balancer it checks each instance's health (GET /api/health) every few hundred ms and
// sends nothing new to one whose check fails (a draining or stopped instance) until it passes again;
// it sends no request on a connection the instance closed (`Connection: close`), and resends only a
// request without a body, and only when a kept-alive connection failed before any answer came (what
// nginx and others do). Everything else an instance does wrong reaches the client as a 502 or a reset.
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

/** Answers slower than this are printed with their instance. */
const SLOW_ANSWER_MS = 3_000;

export type RoundRobinProxy = { server: http.Server; port: number; inRotation(index: number): boolean; lastHealthCheck(index: number): string; close(): Promise<void> };

/** One health check: the status of GET /api/health, or what went wrong. */
function healthCheck(port: number): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/api/health", localAddress: PROXY_SOURCE_ADDRESS, agent: false, timeout: 5_000 }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(response.statusCode === 200 ? "200" : `${response.statusCode} ${body.slice(0, 300)}`));
    });
    request.on("timeout", () => request.destroy(new Error("no answer in 5 s")));
    request.on("error", (error) => resolve(error.message));
  });
}

export async function startRoundRobinProxy(options: { port: number; instancePorts: number[]; healthCheckIntervalMs?: number }): Promise<RoundRobinProxy> {
  // Idle connections are dropped after 3 s, well before an instance's own keep-alive timeout closes
  // them (a balancer's idle timeout is the shorter one).
  const agents = options.instancePorts.map(() => new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 3_000 }));
  // Every instance is in rotation at the start (the run starts the proxy once they answer).
  const inRotation = options.instancePorts.map(() => true);
  const lastCheck = options.instancePorts.map(() => "");
  let checking = true;
  const checkLoop = async (index: number) => {
    while (checking) {
      lastCheck[index] = await healthCheck(options.instancePorts[index]);
      inRotation[index] = lastCheck[index] === "200";
      await new Promise((resolve) => setTimeout(resolve, options.healthCheckIntervalMs ?? 500));
    }
  };
  options.instancePorts.forEach((_, index) => void checkLoop(index));
  let next = 0;
  /** The next instance in turn that is in rotation (with none in rotation, the next in turn: its answer or failure is the client's). */
  const pick = () => {
    const count = options.instancePorts.length;
    for (let step = 0; step < count; step++) {
      const index = next++ % count;
      if (inRotation[index]) return index;
    }
    return next++ % count;
  };
  const server = http.createServer((request, response) => {
    const pinned = Number(request.headers[PIN_HEADER]);
    delete request.headers[PIN_HEADER];
    const index = Number.isInteger(pinned) && pinned >= 0 && pinned < options.instancePorts.length ? pinned : pick();
    const peer = request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
    const forwarded = request.headers["x-forwarded-for"];
    const headers = { ...request.headers, "x-forwarded-for": forwarded ? `${Array.isArray(forwarded) ? forwarded.join(", ") : forwarded}, ${peer}` : peer };
    const bodiless = request.method === "GET" || request.method === "HEAD";
    const started = Date.now();
    // An answer this slow fails a test's client on a loaded machine: the run's output says which instance gave it.
    response.on("finish", () => {
      const elapsed = Date.now() - started;
      if (elapsed >= SLOW_ANSWER_MS) console.log(`e2e proxy: ${request.method} ${request.url} took ${elapsed} ms on instance ${index} (port ${options.instancePorts[index]}), status ${response.statusCode}`);
    });

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
    // Port 0 asks for any free port: the one given.
    port: (server.address() as { port: number }).port,
    inRotation: (index) => inRotation[index],
    lastHealthCheck: (index) => lastCheck[index],
    close: () =>
      new Promise<void>((resolve) => {
        checking = false;
        for (const agent of agents) agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
