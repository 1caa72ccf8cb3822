// The next-auth session a single sign-on ends in. The callback has already checked everything a
// credentials provider would, so instead of a second hop through next-auth (a one-time ticket posted
// back by the browser), it writes the very cookie next-auth writes after a sign-in: the same JWT
// (encoded by next-auth with the same secret), the same claims (user, tenant, session version, session
// id), the same cookie name and attributes. From then on the session is next-auth's: read, renewed,
// checked against the user's session version on every request, and ended on the server at sign-out.
// One claim more: when the session ends by the ID token's lifetime (sx).
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/auth-secret";
import { isPublicUrlHttps } from "@/lib/http/public-url";
import { SSO_SESSION_MAX_SECONDS, type SsoSignedIn } from "@/lib/identity/sso-sign-in";

export type SessionCookie = { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number } };

export async function ssoSessionCookie(signedIn: SsoSignedIn): Promise<SessionCookie> {
  // next-auth's own choice: secure cookies (and their __Secure- prefix) when its URL (the public URL) is https.
  const secure = isPublicUrlHttps();
  const value = await encode({
    secret: authSecret(),
    maxAge: SSO_SESSION_MAX_SECONDS,
    token: {
      sub: signedIn.id,
      name: signedIn.name,
      email: signedIn.email,
      tid: signedIn.tenantId,
      sv: signedIn.sessionVersion,
      sid: randomUUID(),
      sx: signedIn.sessionEndsAt,
    },
  });
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, value, options: { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SSO_SESSION_MAX_SECONDS } };
}
