// Runs before Next renders a page (Next's "proxy", formerly middleware):
//   - every page gets a Content-Security-Policy with a fresh nonce, which Next puts on its own inline
//     and bundle scripts (it reads the nonce from the request's policy), so no other script can run;
//   - a server action's body that cannot be parsed (a garbled multipart form, a payload that is not
//     JSON) is refused with 400 JSON here, where Next would fail with a 500.
// API and OAuth paths and static files never come here: their bodies stream to their handlers
// unbuffered (Next copies a body into memory for the proxy), and their headers are set by the HTTP
// front (lib/server/http-front.ts), which also bounds the bodies that do come here.
import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/http/response-rules";

function badBody(message: string): NextResponse {
  return NextResponse.json({ error: { code: "invalid_request", message } }, { status: 400 });
}

/** Whether a POST to a page carries a body Next's server-action handler can read. */
async function unreadableActionBody(request: NextRequest): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    try {
      await request.formData();
      return null;
    } catch {
      return "The form could not be read: its multipart body is malformed.";
    }
  }
  if (request.headers.has("next-action")) {
    const text = await request.text();
    if (text === "") return null;
    try {
      JSON.parse(text);
      return null;
    } catch {
      return "The server action's payload could not be read.";
    }
  }
  return null;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === "POST") {
    const problem = await unreadableActionBody(request);
    if (problem) return badBody(problem);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Pages only: not /api/, not the OAuth endpoints of a tenant, not Next's static files or the icons.
// (Next reads this object when building, so each source is written out.)
export const config = {
  matcher: [
    // A page load (no body): its policy and nonce. Prefetches carry no HTML and need neither.
    {
      source: "/((?!api/|api$|_next/static/|_next/image|favicon\\.|[^/]+/oauth2/|[^/]+/discovery/|[^/]+/v2\\.0/\\.?well-known/|[^/]+/\\.?well-known/).*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // A server action (or a form posted before the page was interactive): its body is checked.
    { source: "/((?!api/|api$|_next/static/|_next/image|favicon\\.|[^/]+/oauth2/|[^/]+/discovery/|[^/]+/v2\\.0/\\.?well-known/|[^/]+/\\.?well-known/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/|api$|_next/static/|_next/image|favicon\\.|[^/]+/oauth2/|[^/]+/discovery/|[^/]+/v2\\.0/\\.?well-known/|[^/]+/\\.?well-known/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
