// Whether a request's method is one that carries a body (a form post, a server action): the HTTP
// front (lib/server/http-front.ts) says so in a header of its own, after removing whatever a client
// sent under that name. Next's proxy (proxy.ts) skips those requests, so that Next does not copy
// their bodies into memory for it; it decides by method, because a page load may still declare an
// empty body (`Content-Length: 0`) and must get its nonce.
export const BODY_METHOD_HEADER = "x-keyport-body-method";

/** GET and HEAD load pages; every other method may carry a body. */
export function isBodyMethod(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}
