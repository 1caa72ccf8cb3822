// next-auth configuration: email + password, JWT sessions carrying user, tenant and session version.
// The role is deliberately not trusted from the cookie: lib/auth/session.ts re-reads it every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/lib/auth/auth-secret";
import { isAppError } from "@/lib/errors";
import { authenticateUser } from "@/lib/users/authenticate-user";

// Tenant URLs are different hosts of one deployment: build callback URLs from the request's host.
process.env.AUTH_TRUST_HOST ??= "true";

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        let user;
        try {
          user = await authenticateUser(parsed.data.email, parsed.data.password);
        } catch (error) {
          // A refused sign-in is next-auth's null; anything else (the database is down) stays an error.
          if (isAppError(error)) return null;
          throw error;
        }
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
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, tenantId: token.tid, sessionVersion: token.sv };
    },
  },
};
