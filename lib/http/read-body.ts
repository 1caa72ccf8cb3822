// The one way a route handler reads a request body: chunk by chunk from the stream, refusing as soon
// as the body passes the route's limit, so no request can make the server hold more than that limit,
// whether it declares its length or is sent chunked. A declared Content-Length above the limit is
// refused before a byte is read.
//
// On refusal the stream is left unread rather than cancelled: cancelling it destroys the socket, and
// the client would never see the 413. The HTTP front closes such a connection once the answer is
// sent (lib/server/http-front.ts), so the rest of the body is never read either.

/** The declared Content-Length, or null when there is none (a chunked body) or it is not a number. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  if (value === null || !/^\d{1,16}$/.test(value.trim())) return null;
  return Number(value);
}

/**
 * The body's bytes, at most `limit` of them; `tooLarge()` is thrown (and nothing more is read) the
 * moment the body is found to be longer.
 */
export async function readBodyBytes(request: Request, limit: number, tooLarge: () => Error): Promise<Uint8Array<ArrayBuffer>> {
  const declared = declaredLength(request.headers);
  if (declared !== null && declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw tooLarge();
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (malformed sequences become U+FFFD), within the limit. */
export async function readBodyText(request: Request, limit: number, tooLarge: () => Error): Promise<string> {
  return new TextDecoder("utf-8").decode(await readBodyBytes(request, limit, tooLarge));
}

/** A multipart or urlencoded form, parsed only after its bytes were read within the limit. */
export async function readBodyForm(request: Request, limit: number, tooLarge: () => Error): Promise<FormData> {
  const bytes = await readBodyBytes(request, limit, tooLarge);
  const type = request.headers.get("content-type") ?? "";
  return new Response(bytes, { headers: { "content-type": type } }).formData();
}
