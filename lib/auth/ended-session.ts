// next-auth's session endpoint (`/api/auth/session`) answers from the cookie alone: a cookie whose
// session was signed out on the server (or whose user was deprovisioned, or whose password was reset)
// still decodes, and would still be answered with the user's name, email, id and tenant. Such a
// session is answered as a signed-out one, `{}`, like every other page and action refuses it.
import { getCurrentUserOrEnded } from "@/lib/auth/session";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

function isSessionEndpoint(request: Request): boolean {
  try {
    return /\/api\/auth\/session\/?$/.test(new URL(request.url).pathname);
  } catch {
    return false;
  }
}

export function answerEndedSessionsAsSignedOut<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    if (isSessionEndpoint(request) && (await getCurrentUserOrEnded()) === "ended") {
      return Response.json({}, { headers: { "cache-control": "private, no-cache, no-store", pragma: "no-cache", expires: "0" } });
    }
    return handler(request, context);
  };
}
