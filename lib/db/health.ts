// Whether the database answers now: for load balancers' health checks and for the portal's error
// page, which tells "temporarily unavailable" apart from a bug.
import { crossTenantDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/errors";
import { asUnavailable, unavailableError, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { isDraining } from "@/lib/shutdown";

/**
 * GET /api/health: 200 {"status": "ok"} when the database answers, else 503 `unavailable` with
 * Retry-After; 503 {"status": "draining"} once the instance is shutting down (it still serves for a
 * grace, so that a balancer takes it out of rotation before it stops taking connections).
 */
export async function healthResponse(): Promise<Response> {
  if (isDraining()) {
    return Response.json({ status: "draining" }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } });
  }
  try {
    await crossTenantDb.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const unavailable = asUnavailable(error);
    if (unavailable !== error) return errorResponse(unavailable as ReturnType<typeof unavailableError>);
    console.error("keyport: the health check failed", error);
    return errorResponse(unavailableError(error));
  }
}
