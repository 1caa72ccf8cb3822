// The redirect URI registered at each tenant's identity provider.
import { ssoCallbackResponse } from "@/lib/identity/sso-routes";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => ssoCallbackResponse(request);
