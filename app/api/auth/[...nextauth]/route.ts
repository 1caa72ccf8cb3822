import NextAuth from "next-auth";
import { answerEndedSessionsAsSignedOut } from "@/lib/auth/ended-session";
import { authOptions } from "@/lib/auth/options";
import { answerMalformedInputAsJson } from "@/lib/http/next-auth-input";

const handler = answerMalformedInputAsJson(answerEndedSessionsAsSignedOut(NextAuth(authOptions)));

export { handler as GET, handler as POST };
