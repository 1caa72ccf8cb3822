// Keyport's HTTP server: Next's request handler behind a thin front that does what only the process
// edge can do, before Next reads anything:
//   - the client IP is decided from the TCP peer (and trusted proxies) and handed on in one header
//     that a client cannot set (lib/http/client-ip.ts); so is the request's path, which Next does not
//     give pages (lib/http/request-path.ts);
//   - Host, X-Forwarded-Host and X-Forwarded-Proto are pinned to a configured origin (the public URL,
//     or the tenant URL the request named), so nothing behind the front can build a URL on a forged
//     host (lib/http/public-url.ts);
//   - a URL whose path is not valid percent-encoding, or a method no route serves, is refused with
//     JSON (Next would answer its own 500 page); so is a URL longer than 8 KB (414), which no route
//     needs and whose redirects (Next's own, for a path with "//") a client could not read;
//   - a body whose declared length is over its route's limit is refused before it is read; where code
//     we do not own reads bodies whole (next-auth, server actions), a body must declare its length
//     (lib/http/body-limits.ts);
//   - a server action called from another origin is a 403, and one whose body Next could not decode a
//     400, instead of the 500 Next answers both with (lib/http/server-action-request.ts); CONNECT,
//     which Node hands to no request handler, is a 405 like every other method no route serves;
//   - an answer sent before its request's body was read closes the connection, so an unwanted body is
//     never read to its end;
//   - every answer carries the security headers, API and OAuth answers `Cache-Control: no-store`, and
//     an error under /api/ or the OAuth paths that is not JSON (Next's own pages) is answered as JSON;
//   - idle keep-alive connections stay open longer than a balancer's (lib/server/drain.ts), so it is
//     the balancer that closes them, never Keyport just as the balancer reuses one;
//   - on SIGTERM it drains: the health check fails at once while the instance keeps serving for a
//     grace, every answer from then on says `Connection: close`; after the grace it stops taking
//     connections, closes the idle ones, answers every request it has (also one that came on an open
//     keep-alive connection during the grace), runs the shutdown hooks (pending last-use writes, then
//     the database pools) and exits. SIGINT (a terminal's Ctrl-C) drains the same without the grace.
//
// The checks and rules themselves are in lib/server/front-rules.ts.
import http from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import type { ErrorStyle } from "@/lib/http/body-limits";
import { CLIENT_IP_HEADER, resolveClientIp, trustedProxies } from "@/lib/http/client-ip";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { BODY_METHOD_HEADER, isBodyMethod } from "@/lib/http/body-method";
import { publicOrigin } from "@/lib/http/public-url";
import { errorJson } from "@/lib/http/response-rules";
import { actionOriginAllowed, isServerActionRequest } from "@/lib/http/server-action-request";
import { runShutdownHooks, startDraining } from "@/lib/shutdown";
import { connectionTimeouts, drainGraceMs } from "@/lib/server/drain";
import {
  ALLOW,
  applyResponseRules,
  authRouteRefusal,
  bodyRefusal,
  checkedActionBody,
  decodedPath,
  kindOfRequestPath,
  MAX_URL_LENGTH,
  mayReachPage,
  METHODS,
  pinOrigin,
  rawAnswer,
  replayedRequest,
  send,
} from "@/lib/server/front-rules";

/** `dev`: Next's development server (compiling the working tree) instead of the production build. */
export type FrontOptions = { port: number; hostname?: string; dir?: string; dev?: boolean };

const DRAIN_TIMEOUT_MS = 25_000;

export async function startHttpFront(options: FrontOptions): Promise<http.Server> {
  const trust = trustedProxies();
  // Refuses a KEYPORT_PUBLIC_URL it cannot read now, rather than on the first request.
  publicOrigin();
  const app = next({ dev: options.dev ?? false, dir: options.dir ?? process.cwd(), port: options.port, hostname: options.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  let inFlight = 0;

  const server = http.createServer((req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    const pathname = decodedPath(req.url);
    const kind = kindOfRequestPath(req.url, pathname);
    const style: ErrorStyle = kind === "oauth" ? "oauth" : kind === "scim" ? "scim" : "api";
    const method = req.method ?? "GET";
    const action = mayReachPage(req.url, kind) && isServerActionRequest(method, req.headers);
    applyResponseRules(req, res, kind, style, action);

    delete req.headers[CLIENT_IP_HEADER];
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust) ?? "";
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    delete req.headers[BODY_METHOD_HEADER];
    if (isBodyMethod(method)) req.headers[BODY_METHOD_HEADER] = "1";
    const ownOrigin = pinOrigin(req);

    if ((req.url ?? "").length > MAX_URL_LENGTH) return send(res, 414, errorJson(style, 414, `The URL is longer than ${MAX_URL_LENGTH} characters, the most this server reads.`));
    if (pathname === null) return send(res, 400, errorJson(style, 400, "The URL is not valid: its path has malformed percent-encoding."));
    if (!METHODS.has(method)) return send(res, 405, errorJson(style, 405), { allow: ALLOW });
    // Next answers any other method on a static file with a 500.
    if (kind === "asset" && method !== "GET" && method !== "HEAD") return send(res, 405, errorJson(style, 405), { allow: "GET, HEAD" });
    const refusal = bodyRefusal(req, pathname) ?? authRouteRefusal(method, pathname, req.url ?? "/");
    if (refusal) return send(res, refusal.status, errorJson(style, refusal.status, refusal.message));

    const serve = (request: http.IncomingMessage) =>
      handle(request, res).catch((error: unknown) => {
        console.error("keyport: unhandled error while serving a request", error);
        if (!res.headersSent) send(res, 500, errorJson(style, 500));
      });
    if (!action) return void serve(req);
    // Decided on the headers alone, before a byte of the body is read.
    if (!actionOriginAllowed(req.headers.origin, ownOrigin)) {
      return send(res, 403, errorJson(style, 403, "A server action can only be called from this site's own pages."));
    }
    checkedActionBody(req).then(
      (checked) => {
        if ("problem" in checked) return send(res, checked.status, errorJson(style, checked.status, checked.problem));
        void serve(replayedRequest(req, checked.body));
      },
      () => req.socket.destroy(),
    );
  });

  // Node hands a CONNECT request to no request handler (without a listener it closes the socket
  // unanswered): it is a method no route serves.
  server.on("connect", (req: http.IncomingMessage, socket: Duplex) => {
    rawAnswer(socket, 405, errorJson("api", 405), false, { allow: ALLOW });
  });

  // What Node's HTTP parser refuses before there is a request (headers or URL too long, a malformed
  // request line) is answered in JSON too, instead of Node's bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = errorJson("api", status, status === 431 ? "The request's URL or headers are too large." : "The request is not valid HTTP.");
    // The answer to a HEAD request has no body, even when the request could not be read whole.
    const isHead = (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
    rawAnswer(socket, status, body, isHead);
  });

  Object.assign(server, connectionTimeouts());

  let stopping = false;
  const shutdown = async (signal: string, graceMs: number) => {
    if (stopping) return;
    stopping = true;
    // The health check fails from now on; the instance still serves, so that what a balancer sends
    // before it notices is answered (with `Connection: close`) rather than refused.
    startDraining();
    console.log(`keyport: ${signal} received, failing the health check and serving for ${graceMs} ms more`);
    if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
    console.log(`keyport: no longer taking connections, finishing ${inFlight} request(s) in flight`);
    // Done when every connection is closed, not when the count of requests first reaches 0: a request
    // may still arrive on a kept-alive connection, and it is served (each answer closes its connection).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
    await runShutdownHooks();
    server.closeAllConnections();
    process.exit(0);
  };
  // Kept for every signal: a second SIGTERM during the drain (an orchestrator repeating itself) must
  // not end the process the default way, mid-drain.
  process.on("SIGTERM", () => void shutdown("SIGTERM", drainGraceMs()));
  process.on("SIGINT", () => void shutdown("SIGINT", 0));

  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
