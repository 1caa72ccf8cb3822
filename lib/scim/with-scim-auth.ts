// The one guard of every /scim/v2/ route handler:
//   export const GET = withScimAuth((request, { actor, params }) => listScimUsers(actor.tenantId, …));
// It authenticates the tenant's secret token (refusing at once a client address that made too many
// failed attempts), takes the request from the tenant's own SCIM allowance, runs the handler and answers
// `application/scim+json`, every failure as the RFC's error JSON (never an HTML page, never a bare 500).
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { clientIpOf } from "@/lib/http/client-ip";
import { limitAuthFailures } from "@/lib/rate-limit/auth-failures";
import { createLimiter } from "@/lib/rate-limit/limiters";
import { BODY_LIMITS, describeBytes } from "@/lib/http/body-limits";
import { readBodyText } from "@/lib/http/read-body";
import { authenticateScimRequest } from "@/lib/scim/secret-token";
import { provisioningActor } from "@/lib/scim/users";
import { scimError, scimErrorResponse, scimJson } from "@/lib/scim/errors";

/**
 * Requests a minute per tenant. Entra ID sends up to 25 a second to a gallery application; the API's
 * per-credential limit is far lower, so provisioning has an allowance of its own (100 a second).
 */
export const SCIM_REQUESTS_PER_MINUTE = 6_000;

export type ScimContext<Params> = { actor: Actor; params: Params };
type Handler<Params> = (request: Request, context: ScimContext<Params>) => Promise<unknown> | unknown;

export function withScimAuth<Params = Record<string, never>>(handler: Handler<Params>, options: { status?: number } = {}) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    try {
      const authorization = request.headers.get("authorization");
      const { tenantId } = authorization
        ? await limitAuthFailures(clientIpOf(request.headers), () => authenticateScimRequest(authorization))
        : await authenticateScimRequest(null);
      const verdict = await createLimiter({ keyPrefix: "scim", points: SCIM_REQUESTS_PER_MINUTE, duration: 60 }).consume(tenantId);
      if (!verdict.allowed) {
        throw new AppError("rate_limited", `Too many SCIM requests for this tenant: try again in ${verdict.retryAfterSeconds} s.`, { headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
      }
      const result = await handler(request, { actor: provisioningActor(tenantId), params: await route.params });
      if (result instanceof Response) return result;
      const version = (result as { meta?: { version?: unknown } } | null)?.meta?.version;
      return scimJson(result, { status: options.status ?? 200, headers: typeof version === "string" ? { ETag: version } : {} });
    } catch (error) {
      return scimErrorResponse(error);
    }
  };
}

/** The request's JSON body, read within the SCIM body limit: the RFC's error when it is too large or not JSON. */
export async function scimBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/(scim\+)?json\b/i.test(type.trim())) throw scimError("invalidSyntax", "Send the body as application/scim+json.");
  const text = await readBodyText(request, BODY_LIMITS.scim, () => new AppError("payload_too_large", `The body is larger than ${describeBytes(BODY_LIMITS.scim)}, the most a SCIM request may carry.`));
  try {
    return JSON.parse(text);
  } catch {
    throw scimError("invalidSyntax", "The body is not valid JSON.");
  }
}

/** The list and read query of a request's URL. */
export const urlOf = (request: Request) => new URL(request.url);
