// Runs before Next renders a page (Next's "proxy", formerly middleware): every page gets a
// Content-Security-Policy with a fresh nonce, which Next puts on its own inline and bundle scripts (it
// reads the nonce from the request's policy), so no other script can run.
// Only page loads come here: not API and OAuth paths or static files, and not requests whose method
// carries a body (server actions, form posts), which Next would copy into memory for the proxy. That is
// decided by method, not by a Content-Length header, which a page load may carry too (empty): the HTTP
// front marks such requests (lib/http/body-method.ts). A server action's origin and body
// are checked by the HTTP front (lib/server/http-front.ts), which also sets the headers of every other
// answer.
import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/http/response-rules";

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Pages only: not /api/, not /scim/, not the OAuth endpoints of a tenant, not Next's static files or the icons.
// (Next reads this object when building, so each source is written out.)
export const config = {
  matcher: [
    // A page load (GET or HEAD): its policy and nonce. Prefetches carry no HTML and need neither.
    // (x-keyport-body-method is BODY_METHOD_HEADER, set by the HTTP front for every other method.)
    {
      source: "/((?!api/|api$|scim/|scim$|_next/static/|_next/image|favicon\\.|[^/]+/oauth2/|[^/]+/discovery/|[^/]+/v2\\.0/\\.?well-known/|[^/]+/\\.?well-known/).*)",
      missing: [
        { type: "header", key: "x-keyport-body-method" },
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
