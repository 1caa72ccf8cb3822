import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { answerMalformedInputAsJson } from "@/lib/http/next-auth-input";

const handler = answerMalformedInputAsJson(NextAuth(authOptions));

export { handler as GET, handler as POST };
