// next-auth configuration: email + password, JWT sessions carrying user, tenant, session version and a
// session id. The role is deliberately not trusted from the cookie: lib/auth/session.ts re-reads it
// every request, and refuses a session signed out on the server (its id is recorded as revoked).
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { cookies } from "next/headers";
import { authSecret, previousAuthSecrets } from "@/lib/auth/auth-secret";
import { sameOriginPath } from "@/lib/auth/safe-next";
import { isAppError } from "@/lib/errors";
import { clientIpOf } from "@/lib/http/client-ip";
import { tenantSlugFromHost, tenantUrl } from "@/lib/tenants/tenant-url";
import { authenticateUser } from "@/lib/users/authenticate-user";
import { endSession } from "@/lib/users/end-session";
import { cookieFromHeader, DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceCookie, readDeviceCookie } from "@/lib/users/remembered-device";
import { SIGN_IN_ERROR_CODES } from "@/lib/users/sign-in-messages";
import { config, tellNextAuthItsUrl } from "@/lib/config";

/** The generic portal URL: KEYPORT_PUBLIC_URL, by default http://localhost:{PORT}. */
export function publicUrl(): string {
  return (config.publicUrl || `http://localhost:${config.port}`).replace(/\/+$/, "");
}

// next-auth builds its own URLs (callbacks, redirects, the secure-cookie choice) from NEXTAUTH_URL, or,
// with AUTH_TRUST_HOST, from whatever Host or X-Forwarded-Host a request claims. Keyport names its
// origin in configuration instead, so no request can choose it. Sign-in on a tenant URL still works:
// its cookies are the host's own, and the redirects below accept the configured tenant URLs too.
tellNextAuthItsUrl(publicUrl());

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Whether an absolute URL is on one of Keyport's configured origins: the portal URL or a tenant URL. */
function isKeyportOrigin(url: URL, baseUrl: string): boolean {
  if (url.origin === new URL(baseUrl).origin) return true;
  const slug = tenantSlugFromHost(url.host);
  return slug !== null && new URL(tenantUrl(slug)).origin === url.origin;
}

type RequestHeaders = Record<string, string | string[] | undefined> | undefined;

function headersOf(raw: RequestHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return headers;
}

/** After a successful sign-in: this browser is remembered for the user (a fresh device each time). */
async function rememberDevice(userId: string, sessionVersion: number): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, issueDeviceCookie(userId, sessionVersion, authSecret()), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: publicUrl().startsWith("https://"),
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const headers = headersOf(request?.headers as RequestHeaders);
        let user;
        try {
          user = await authenticateUser(parsed.data.email, parsed.data.password, {
            clientIp: clientIpOf(headers),
            // On a tenant URL only that tenant's account is considered.
            tenantSlug: tenantSlugFromHost(headers.get("host")),
            // A browser that signed in here before is counted on its own limit (see remembered-device.ts).
            device: readDeviceCookie(cookieFromHeader(headers.get("cookie"), DEVICE_COOKIE), [authSecret(), ...previousAuthSecrets()]),
          });
        } catch (error) {
          // A refused sign-in is next-auth's null; a throttled or ambiguous one is thrown with a code next-auth
          // hands the form as `error`; anything else (the database is down) stays an error.
          if (isAppError(error) && error.code === "rate_limited") throw new Error(SIGN_IN_ERROR_CODES.throttled);
          if (isAppError(error) && error.code === "conflict") throw new Error(SIGN_IN_ERROR_CODES.ambiguous);
          if (isAppError(error) && error.code === "forbidden") throw new Error(SIGN_IN_ERROR_CODES.ssoRequired);
          if (isAppError(error)) return null;
          throw error;
        }
        await rememberDevice(user.id, user.sessionVersion);
        return { id: user.id, name: user.name, email: user.email, tenantId: user.tenantId, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  logger: {
    // A stale or forged session cookie is routine (it just means "signed out"): one line, no stack.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") console.warn("keyport: ignored an unreadable session cookie");
      else console.error(`next-auth: ${code}`, metadata);
    },
    warn(code) {
      console.warn(`next-auth: ${code}`);
    },
    debug() {},
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { tenantId: string; sessionVersion: number };
        token.tid = signedIn.tenantId;
        token.sv = signedIn.sessionVersion;
        // Names this session, so signing out can end it on the server.
        token.sid = randomUUID();
      }
      return token;
    },
    async session({ session, token }) {
      // A session made by single sign-on also says when it ends (sx: the ID token's expiry, at most the
      // portal's limit; lib/auth/session.ts holds to it).
      return { ...session, userId: token.sub, tenantId: token.tid, sessionVersion: token.sv, sid: token.sid, ssoEndsAt: token.sx };
    },
    // Where next-auth may send the browser: a path of this site (kept relative, so a tenant URL stays
    // on its host), or an absolute URL on a configured Keyport origin; anything else goes to the portal.
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return sameOriginPath(url) ?? baseUrl;
      try {
        const target = new URL(url);
        const path = sameOriginPath(target.pathname + target.search + target.hash);
        if (path && isKeyportOrigin(target, baseUrl)) return target.origin + path;
      } catch {
        // not a URL at all
      }
      return baseUrl;
    },
  },
  events: {
    async signOut({ token }) {
      const sid = token?.sid;
      const userId = token?.sub;
      if (typeof sid !== "string" || typeof userId !== "string") return;
      // Kept until any copy of the cookie has expired: a cookie refreshed just before signing out lives one more maximum age.
      await endSession({ sid, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
    },
  },
};
