// Keyport's HTTP server: Next's request handler behind a thin front that does what only the process
// edge can do, before Next reads anything:
//   - the client IP is decided from the TCP peer (and trusted proxies) and handed on in one header
//     that a client cannot set (lib/http/client-ip.ts); so is the request's path, which Next does not
//     give pages (lib/http/request-path.ts);
//   - a URL whose path is not valid percent-encoding is refused with a 400 JSON answer (Next would
//     answer its own 500 page);
//   - on SIGTERM or SIGINT it stops taking connections, answers the requests already accepted,
//     runs the shutdown hooks (pending last-use writes) and exits.
import http from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, resolveClientIp, trustedProxies } from "@/lib/http/client-ip";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { runShutdownHooks } from "@/lib/server/shutdown";

export type FrontOptions = { port: number; hostname?: string; dir?: string };

const DRAIN_TIMEOUT_MS = 25_000;

function hasMalformedPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function refuseMalformed(res: http.ServerResponse): void {
  res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: { code: "invalid_request", message: "The URL is not valid: its path has malformed percent-encoding." } }));
}

export async function startHttpFront(options: FrontOptions): Promise<http.Server> {
  const trust = trustedProxies();
  const app = next({ dev: false, dir: options.dir ?? process.cwd(), port: options.port, hostname: options.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  const server = http.createServer((req, res) => {
    inFlight++;
    res.on("close", () => {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    });
    // Accepted before or while draining: answered, then the connection closes.
    if (draining) res.setHeader("connection", "close");
    delete req.headers[CLIENT_IP_HEADER];
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust) ?? "";
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    if (hasMalformedPath(req.url)) return refuseMalformed(res);
    handle(req, res).catch((error: unknown) => {
      console.error("keyport: unhandled error while serving a request", error);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side. Try again." } }));
      }
    });
  });

  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    console.log(`keyport: ${signal} received, finishing ${inFlight} request(s) in flight`);
    server.close();
    server.closeIdleConnections();
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        drained = resolve;
        setTimeout(resolve, DRAIN_TIMEOUT_MS).unref();
      });
    }
    await runShutdownHooks();
    server.closeAllConnections();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
