import NextAuth from "next-auth";
import { answerEndedSessionsAsSignedOut } from "@/lib/auth/ended-session";
import { authOptions } from "@/lib/auth/options";
import { answerMalformedInputAsJson, redirectErrorEndpointSafely } from "@/lib/http/next-auth-input";

const handler = answerMalformedInputAsJson(answerEndedSessionsAsSignedOut(redirectErrorEndpointSafely(NextAuth(authOptions), authOptions.pages?.error ?? "/signin")));

export { handler as GET, handler as POST };
