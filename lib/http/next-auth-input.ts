// next-auth reads its form fields (callbackUrl, csrfToken …) without guarding every parse: a callback
// URL that is not a URL, for one, throws out of its handler and Next answers 500. Such a throw is
// the request's fault, so it is answered as one: a 400 JSON error, like every other refusal under /api/.
// Its error endpoint builds a redirect from the query unencoded, which is made here instead.
type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Whether an error thrown while reading a request's fields was caused by the fields themselves. */
function isMalformedInput(error: unknown): boolean {
  if (error instanceof SyntaxError || error instanceof URIError) return true;
  return error instanceof TypeError && (error as TypeError & { code?: string }).code === "ERR_INVALID_URL";
}

export function answerMalformedInputAsJson<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (!isMalformedInput(error)) throw error;
      return Response.json(
        { error: { code: "invalid_request", message: "The sign-in request could not be read: one of its fields is malformed." } },
        { status: 400, headers: { "cache-control": "no-store" } },
      );
    }
  };
}

/**
 * next-auth's error endpoint redirects to the error page with the `error` query value pasted into the
 * Location header as it came: a control character or a character beyond Latin-1 there makes the header
 * invalid, and the answer a 500. The redirect is made here instead, with the value percent-encoded.
 */
export function redirectErrorEndpointSafely<Context>(handler: Handler<Context>, errorPage: string): Handler<Context> {
  return async (request, context) => {
    const url = new URL(request.url);
    if (request.method !== "GET" || !/^\/api\/auth\/error\/?$/.test(url.pathname)) return handler(request, context);
    const code = url.searchParams.get("error");
    const location = code === null ? errorPage : `${errorPage}?error=${encodeURIComponent(code)}`;
    return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
  };
}
