// next-auth reads its form fields (callbackUrl, csrfToken …) without guarding every parse: a callback
// URL that is not a URL, for one, throws out of its handler and Next answers 500. Such a throw is
// the request's fault, so it is answered as one: a 400 JSON error, like every other refusal under /api/.
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
