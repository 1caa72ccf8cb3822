// The path and query of the request a page is rendering for. Next gives server components no URL, so
// the HTTP front (lib/server/http-front.ts) hands it on in a header of its own, after removing whatever
// a client sent under that name. The session guard uses it to bring a signed-out visitor back to the
// page they asked for after signing in (always through safeNext: it is never trusted as a URL).
export const REQUEST_PATH_HEADER = "x-keyport-request-path";

export function requestPathOf(headers: Headers): string | null {
  return headers.get(REQUEST_PATH_HEADER) || null;
}
