// The two routes of single sign-on, as Responses (the route handlers under app/signin/sso only call
// these). Whatever goes wrong, the person lands on the sign-in page with the refusal in words: never
// a 500, never a page of the provider's error.
import { safeNext } from "@/lib/auth/safe-next";
import { ssoSessionCookie, type SessionCookie } from "@/lib/identity/sso-session";
import { publicOrigin, isPublicUrlHttps } from "@/lib/http/public-url";
import { finishSsoSignIn, refusalCodeOf, startSsoSignIn } from "@/lib/identity/sso-sign-in";
import { openFlow, sealFlow, SSO_FLOW_COOKIE, SSO_FLOW_MAX_AGE_SECONDS } from "@/lib/identity/sealed-cookie";
import { cookieFromHeader } from "@/lib/users/remembered-device";

const FLOW_PATH = "/signin/sso";

function cookieHeader(name: string, value: string, options: { path: string; maxAge: number; secure: boolean }): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, "HttpOnly", "SameSite=Lax", ...(options.secure ? ["Secure"] : [])].join("; ");
}

const flowCookie = (value: string, maxAge: number) => cookieHeader(SSO_FLOW_COOKIE, value, { path: FLOW_PATH, maxAge, secure: isPublicUrlHttps() });

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** Back to the sign-in page with a refusal code (the page says it in words) and the email typed, if any. */
function refused(code: string, cookies: string[] = [], email?: string): Response {
  const query = new URLSearchParams({ error: code, ...(email ? { email } : {}) });
  return redirect(`${publicOrigin()}/signin?${query}`, cookies);
}

function codeOf(error: unknown): string {
  const code = refusalCodeOf(error);
  if (!code) console.error("keyport: single sign-on failed", error);
  return code ?? "SsoUnavailable";
}

/** GET /signin/sso?email=…&next=…: off to the provider of the email's tenant. */
export async function ssoStartResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const email = (url.searchParams.get("email") ?? "").slice(0, 320);
  const next = safeNext(url.searchParams.get("next"));
  // The provider sends the browser back to the public URL: the attempt's cookie must be set there too.
  const portal = new URL(publicOrigin());
  if ((request.headers.get("host") ?? "").toLowerCase() !== portal.host) {
    return redirect(`${portal.origin}${FLOW_PATH}?${new URLSearchParams({ email, next })}`);
  }
  try {
    const { authorizationUrl, flow } = await startSsoSignIn(email, next);
    return redirect(authorizationUrl, [flowCookie(sealFlow(flow), SSO_FLOW_MAX_AGE_SECONDS)]);
  } catch (error) {
    return refused(codeOf(error), [], email);
  }
}

function sessionCookieHeader(cookie: SessionCookie): string {
  return cookieHeader(cookie.name, cookie.value, { path: cookie.options.path, maxAge: cookie.options.maxAge, secure: cookie.options.secure });
}

/** GET /signin/sso/callback?code=…&state=…: the provider's answer becomes a session, or a refusal in words. */
export async function ssoCallbackResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // The attempt's cookie is spent whatever happens: a callback cannot be replayed in this browser.
  const spent = flowCookie("", 0);
  const flow = openFlow(cookieFromHeader(request.headers.get("cookie"), SSO_FLOW_COOKIE));
  try {
    const signedIn = await finishSsoSignIn(url.search, flow);
    return redirect(`${publicOrigin()}${safeNext(signedIn.next)}`, [spent, sessionCookieHeader(await ssoSessionCookie(signedIn))]);
  } catch (error) {
    return refused(codeOf(error), [spent]);
  }
}
