// The one guard for route handlers the signed-in portal calls with its session cookie rather than an
// API credential (the audit log export):
//   export const GET = withSessionAuth(exportAuditLog, { action: "auditLog.read" });
// It re-reads the signed-in user from the database (role, tenant, deprovisioning), checks the action
// against the permission map, runs the handler, and answers every refusal as the API does: its JSON
// error body and status (withApiAuth is its sibling for API credentials).
import { AppError } from "@/lib/errors";
import { onlyRolesCan, type Action } from "@/lib/permissions";
import { getCurrentUser, userMay, type CurrentUser } from "@/lib/auth/session";
import { apiErrorResponse } from "@/lib/api/with-api-auth";

export type SessionContext<Params> = { user: CurrentUser; params: Params };
type Handler<Params> = (request: Request, context: SessionContext<Params>) => Promise<unknown> | unknown;

export function withSessionAuth<Params = Record<string, never>>(handler: Handler<Params>, options: { action: Action }) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized", "Sign in to do this: no session, or it has ended.");
      if (!userMay(user, options.action)) throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan(options.action)}.`);
      const result = await handler(request, { user, params: await route.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const response = apiErrorResponse(error);
      // A session is the only way in here: no API credential scheme to name.
      response.headers.delete("WWW-Authenticate");
      return response;
    }
  };
}
