// What the HTTP front (lib/server/http-front.ts) decides about one request before Next reads it, and
// the rules every answer follows: the path and its kind, the pinned origin, the refusals (URL, method,
// body, next-auth route), a server action's body checked and handed on, and the answers written
// straight to a socket.
import http from "node:http";
import type { Duplex } from "node:stream";
import { BODY_LIMITS, bodyRuleFor, describeBytes, type ErrorStyle } from "@/lib/http/body-limits";
import { configuredOriginOfHost, publicOrigin } from "@/lib/http/public-url";
import { NON_PAGE_POLICY, baseSecurityHeaders, errorJson, pagePolicy, pathKind, type PathKind } from "@/lib/http/response-rules";
import { actionBodyParts, actionPayloadProblem } from "@/lib/http/server-action-request";
import { isDraining } from "@/lib/shutdown";

export const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The longest URL the front passes on: what common proxies take in a request line (nginx's 8 KB
 * buffer). A redirect repeats the URL in its Location header, which must still fit the 16 KB of
 * headers that Node's HTTP client, and so many API clients, read at most.
 */
export const MAX_URL_LENGTH = 8_192;

/** next-auth's endpoints the portal uses; anything else under /api/auth/ answers next-auth's text or HTML pages, or a 500. */
const AUTH_ROUTES: Record<string, RegExp> = {
  GET: /^\/api\/auth\/(csrf|session|providers|error|signin(\/[^/]+)?)\/?$/,
  POST: /^\/api\/auth\/(signin\/[^/]+|callback\/credentials|signout|session)\/?$/,
};

export function decodedPath(url: string | undefined): string | null {
  const path = (url ?? "/").split("?")[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** The front's own answers are JSON errors: never stored, and not pages (they load nothing). */
export function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "content-security-policy": NON_PAGE_POLICY, ...headers });
  res.end(body);
}

/** Host and forwarding headers as the configured origin the request named (or the public URL); returns that origin. */
export function pinOrigin(req: http.IncomingMessage): string {
  const origin = new URL(configuredOriginOfHost(req.headers.host) ?? publicOrigin());
  req.headers.host = origin.host;
  req.headers["x-forwarded-host"] = origin.host;
  req.headers["x-forwarded-proto"] = origin.protocol.slice(0, -1);
  delete req.headers.forwarded;
  return origin.origin;
}

const isJson = (type: unknown) => typeof type === "string" && /^application\/([a-z.+-]*\+)?json\b/i.test(type);
/** React's payload: the answer a server action's caller reads, errors included. */
const isRsc = (type: unknown) => typeof type === "string" && /^text\/x-component\b/i.test(type);

/** The headers of writeHead(status, [reason], headers) folded into the response, so the rules below see them. */
function foldHeaderArgument(res: http.ServerResponse, args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  if (last === null || typeof last !== "object") return args;
  if (Array.isArray(last)) {
    if (last.length && Array.isArray(last[0])) for (const [name, value] of last as [string, string][]) res.setHeader(name, value);
    else for (let i = 0; i + 1 < last.length; i += 2) res.setHeader(String(last[i]), last[i + 1] as string);
  } else {
    for (const [name, value] of Object.entries(last as Record<string, unknown>)) if (value !== undefined) res.setHeader(name, value as string);
  }
  return args.slice(0, -1);
}

/**
 * Applies the answer rules of the front to whatever writes the response (the front itself or Next):
 * security headers, no-store and JSON errors on API and OAuth paths, redirects without Next's Refresh
 * header, and closing a connection whose request body was not read.
 */
export function applyResponseRules(req: http.IncomingMessage, res: http.ServerResponse, kind: PathKind, style: ErrorStyle, action: boolean): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders())) res.setHeader(name, value);
  const machine = kind === "api" || kind === "oauth" || kind === "scim";
  // A server action's caller reads React's payload or JSON; Next's plain-text refusals (an unknown
  // action) and error pages are answered as JSON errors too.
  const jsonErrors = machine || action;
  let replacement: string | null = null;

  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
    rest = foldHeaderArgument(this, rest);
    // Next repeats a redirect's target in a Refresh header, for browsers long gone; Location is enough,
    // and the header's size is then the URL's once, not twice.
    if (statusCode >= 300 && statusCode < 400 && this.hasHeader("location")) this.removeHeader("refresh");
    const type = this.getHeader("content-type");
    if (jsonErrors && statusCode >= 400 && !isJson(type) && !(action && isRsc(type))) {
      // Next's own error pages (an unknown path, a method, a framework error) in the API's words.
      replacement = req.method === "HEAD" ? "" : errorJson(style, statusCode);
      for (const name of ["content-encoding", "etag", "vary", "transfer-encoding"]) this.removeHeader(name);
      this.setHeader("content-type", "application/json");
      this.setHeader("content-length", String(Buffer.byteLength(replacement)));
      this.setHeader("cache-control", "no-store");
      this.setHeader("content-security-policy", NON_PAGE_POLICY);
    }
    if (machine) {
      this.setHeader("cache-control", "no-store");
      if (!this.hasHeader("content-security-policy")) this.setHeader("content-security-policy", NON_PAGE_POLICY);
    } else if (kind === "page" && !this.hasHeader("content-security-policy")) {
      this.setHeader("content-security-policy", pagePolicy());
    }
    // Answered before the body was read (refused, or never wanted): the connection closes after the
    // answer instead of reading the rest of the body, however long it is.
    if (!req.complete) closeAfterAnswer(req, this);
    // Draining: no client may send another request on this connection (decided when the answer
    // starts, so a request accepted before the signal but answered after it says so too).
    else if (isDraining()) this.setHeader("connection", "close");
    return (writeHead as (...args: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;

  if (!jsonErrors) return;
  const write = res.write;
  const end = res.end;
  const decideHeaders = (response: http.ServerResponse) => {
    if (!response.headersSent) response.writeHead(response.statusCode);
  };
  res.write = function (this: http.ServerResponse, ...args: unknown[]) {
    decideHeaders(this);
    if (replacement === null) return (write as (...args: unknown[]) => boolean).apply(this, args);
    const callback = args.find((arg) => typeof arg === "function") as ((error?: Error | null) => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, ...args: unknown[]) {
    decideHeaders(this);
    if (replacement === null) return (end as (...args: unknown[]) => http.ServerResponse).apply(this, args);
    const callback = args.find((arg) => typeof arg === "function");
    return (end as (...args: unknown[]) => http.ServerResponse).call(this, replacement, ...(callback ? [callback] : []));
  } as typeof res.end;
}

/**
 * Node closes a `Connection: close` socket as soon as the answer is written; with unread body bytes
 * waiting, that close is a TCP reset, which can reach the client before it has read the answer. So the
 * write side is closed first and the socket destroyed a moment later (what Go's server does too); in
 * between, nothing more of the body is read (Node stops reading when the request's small buffer is full).
 */
const LINGER_MS = 750;

function closeAfterAnswer(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader("connection", "close");
  const socket = req.socket as typeof req.socket & { destroySoon?: () => void };
  socket.destroySoon = function (this: typeof socket) {
    if (this.writable) this.end();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

export const ALLOW = [...METHODS].join(", ");

/**
 * The kind of a path by its raw form or its decoded one: Next routes by raw segments, so
 * `/%2F/oauth2/token` reaches an OAuth route although it decodes to `//oauth2/token`.
 */
export function kindOfRequestPath(url: string | undefined, decoded: string | null): PathKind {
  const raw = (url ?? "/").split("?")[0];
  const byRaw = pathKind(raw);
  const byDecoded = decoded === null ? byRaw : pathKind(decoded);
  if (byRaw === "api" || byDecoded === "api") return "api";
  if (byRaw === "oauth" || byDecoded === "oauth") return "oauth";
  if (byRaw === "scim" || byDecoded === "scim") return "scim";
  return byDecoded;
}

/** `.` or `..` as a path segment, written out or percent-encoded. */
const DOT_SEGMENT = /\/(\.|%2e){1,2}(?=\/|$)/i;

/**
 * Whether Next may route the request to a page (where a POST can be a server action): any path but an
 * API or OAuth one, and any path with dot segments, which Next resolves in its own way (it serves
 * `/api/v1/%2e%2e/x` as a page).
 */
export function mayReachPage(url: string | undefined, kind: PathKind): boolean {
  return (kind !== "api" && kind !== "oauth" && kind !== "scim") || DOT_SEGMENT.test((url ?? "/").split("?")[0]);
}

/** A JSON error written straight to a socket no request handler has (the connection then closes). */
export function rawAnswer(socket: Duplex, status: number, body: string, isHead: boolean, extra: Record<string, string> = {}): void {
  const headers = {
    ...baseSecurityHeaders(),
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-security-policy": NON_PAGE_POLICY,
    ...extra,
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\r\n");
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head}\r\n\r\n${isHead ? "" : body}`);
}

/**
 * A server action's body, read whole (bounded: a page's body must declare a length within its limit,
 * which bodyRefusal has checked) and checked for the shape Next decodes, so that a garbled one is a
 * 400 and not Next's 500.
 */
export async function checkedActionBody(req: http.IncomingMessage): Promise<{ body: Buffer } | { status: number; problem: string }> {
  const limit = BODY_LIMITS.page;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { status: 413, problem: `The body is larger than ${describeBytes(limit)}, the most this address takes.` };
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const contentType = req.headers["content-type"];
  const parts = await actionBodyParts(contentType, body);
  if (!parts) return { status: 400, problem: "The form could not be read: its multipart body is malformed." };
  // A form posted without an action header is decoded by its field names (Next's own), not as an argument list.
  if (req.headers["next-action"] === undefined) return { body };
  const problem = actionPayloadProblem(parts);
  return problem ? { status: 400, problem } : { body };
}

/** The request again, its body already read: what Next reads in its place. */
export function replayedRequest(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const replay = new http.IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.headers = req.headers;
  replay.rawHeaders = req.rawHeaders;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}

/** A body that is refused before reading it: over its route's declared limit, or chunked where a length is required. */
export function bodyRefusal(req: http.IncomingMessage, pathname: string): { status: number; message: string } | null {
  const lengthHeader = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (lengthHeader === undefined && !chunked) return null;
  const rule = bodyRuleFor(pathname);
  if (lengthHeader !== undefined && Number(lengthHeader) > rule.limit) {
    return { status: 413, message: `The body is larger than ${describeBytes(rule.limit)}, the most this address takes.` };
  }
  if (rule.lengthRequired && lengthHeader === undefined) return { status: 411, message: "Send the body with a Content-Length." };
  return null;
}

/** next-auth's own test of a callback URL: a path, or an http(s) URL. */
function isHttpUrlOrPath(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

export function authRouteRefusal(method: string, pathname: string, url: string): { status: number; message: string } | null {
  if (!pathname.startsWith("/api/auth/")) return null;
  // next-auth answers a callbackUrl in the query that is not a URL with a 500 ("a problem with the
  // server configuration") on every action but its HTML pages.
  const query = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "");
  if (query.getAll("callbackUrl").some((value) => !isHttpUrlOrPath(value))) {
    return { status: 400, message: "callbackUrl must be a path on this site or an http(s) URL." };
  }
  // next-auth serves GET and POST only (a HEAD reaches it as an action it fails on).
  const pattern = AUTH_ROUTES[method];
  if (pattern?.test(pathname)) return null;
  const known = Object.values(AUTH_ROUTES).some((route) => route.test(pathname));
  return known ? { status: 405, message: "This address does not take this method." } : { status: 404, message: "There is no such sign-in endpoint." };
}
