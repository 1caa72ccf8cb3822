// Where sign-in may send a person next (the `next=` of /signin): only a path of this site, judged the
// way a browser reads it. Browsers drop tabs and newlines anywhere in a URL, read a backslash as a
// slash, and take `//host` (or `/\host`, `/<tab>/host`) as another site; an encoded character that
// decodes to one of those turns into it in some hop along the way, and a raw control or non-ASCII
// character cannot go into a Location header at all (Node refuses it: a 500). So anything a browser
// would clean up is not cleaned up here but refused: the person goes to the default page instead.
// No server imports: the sign-in form (a client component) uses it too.

export const DEFAULT_NEXT = "/settings/api-tokens";

const PROBE_ORIGIN = "http://keyport.invalid";
const MAX_LENGTH = 2048;
/** Printable ASCII except space and backslash: the only characters a path here needs, raw. */
const PLAIN = /^[\x21-\x5b\x5d-\x7e]+$/;
/** Once decoded, a path here is printable ASCII without backslashes: anything else (control characters,
 *  an ideographic full stop that IDNA reads as a dot, a fullwidth solidus) is a trick, not a page. */
const SUSPECT_DECODED = /[^\x20-\x5b\x5d-\x7e]/;
/** Not pages to land on: the sign-in page itself (a loop) and the APIs. */
const NOT_A_DESTINATION = /^\/(signin|api)(\/|$)/i;

/** The path (with query and fragment) `value` names on this site, or null if it could lead anywhere else. */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !PLAIN.test(value)) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (SUSPECT_DECODED.test(decodedPath) || decodedPath.startsWith("//")) return null;
  // Next's router adds _rsc to the requests it makes itself; the page is the same without it.
  if (url.searchParams.has("_rsc")) url.searchParams.delete("_rsc");
  const path = url.pathname + url.search + url.hash;
  return PLAIN.test(path) ? path : null;
}

/** Where to go after signing in: the same-origin page `value` names, or `fallback` for anything else; never throws. */
export function safeNext(value: unknown, fallback: string = DEFAULT_NEXT): string {
  const path = sameOriginPath(value);
  if (!path) return fallback;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(new URL(path, PROBE_ORIGIN).pathname);
  } catch {
    return fallback;
  }
  return NOT_A_DESTINATION.test(decodedPath) ? fallback : path;
}

/** The /signin URL that brings a person back to `path` after signing in (the default page needs no `next`). */
export function signInUrlFor(path: unknown, extra: Record<string, string> = {}): string {
  const next = safeNext(path);
  const params = new URLSearchParams(extra);
  if (next !== DEFAULT_NEXT) params.set("next", next);
  const query = params.toString();
  return query ? `/signin?${query}` : "/signin";
}
