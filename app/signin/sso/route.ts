// Single sign-on starts here: the sign-in page's "Sign in with single sign-on" opens this with the email typed.
import { ssoStartResponse } from "@/lib/identity/sso-routes";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => ssoStartResponse(request);
