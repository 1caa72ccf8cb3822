// The one guard every /api/v1/ route handler goes through:
//   export const GET = withApiAuth(listAlerts, { action: "alerts.list" });
// It authenticates (refusing at once a client IP that made too many failed attempts, and counting each
// new failure against it), checks the action against the permission map, runs the handler, and turns
// every failure into the API's JSON error `{"error": {"code", "message", "details"?}}` with its status
// (never an HTML page, never a bare 500).
import { ZodError } from "zod";
import { AppError, errorResponse } from "@/lib/errors";
import { ACTION_SCOPES, scopesAllow, type Action } from "@/lib/permissions";
import { authenticateRequest, type ApiPrincipal } from "@/lib/api/authenticate-request";
import { zodDetails } from "@/lib/validation/zod-details";
import { takeRequest } from "@/lib/rate-limit/api-limit";
import { clientIpOf } from "@/lib/http/client-ip";
import { limitAuthFailures } from "@/lib/rate-limit/auth-failures";
import { asUnavailable } from "@/lib/db/unavailable";

export type ApiContext<Params> = { principal: ApiPrincipal; params: Params };
type Handler<Params> = (request: Request, context: ApiContext<Params>) => Promise<unknown> | unknown;

export function withApiAuth<Params = Record<string, never>>(handler: Handler<Params>, options: { action: Action }) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    try {
      // A request without any credential guesses nothing: only presented credentials count as failures.
      const principal = request.headers.has("authorization")
        ? await limitAuthFailures(clientIpOf(request.headers), () => authenticateRequest(request))
        : await authenticateRequest(request);
      const retryAfter = await takeRequest(principal.credentialKey);
      if (retryAfter !== null) {
        throw new AppError("rate_limited", `Too many requests with this credential: try again in ${retryAfter} s.`, { headers: { "Retry-After": String(retryAfter) } });
      }
      if (!scopesAllow(principal.scopes, options.action)) {
        throw new AppError("forbidden", `This credential may not do this: it needs one of ${ACTION_SCOPES[options.action].join(", ")}.`);
      }
      const result = await handler(request, { principal, params: await route.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return apiErrorResponse(error);
    }
  };
}

export function apiErrorResponse(thrown: unknown): Response {
  // The database being away is not a bug of ours: 503 with Retry-After, and the client tries again.
  const error = asUnavailable(thrown);
  if (error instanceof AppError) return errorResponse(error);
  if (error instanceof ZodError) {
    return errorResponse(new AppError("invalid_request", "The request is not valid.", { details: zodDetails(error) }));
  }
  console.error("keyport: unexpected error in an API handler", error);
  return errorResponse(new AppError("internal_error", "Something went wrong on our side. Try again."));
}
