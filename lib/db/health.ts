// Whether the database answers now: for load balancers' health checks and for the portal's error
// page, which tells "temporarily unavailable" apart from a bug.
import { crossTenantDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/errors";
import { asUnavailable, unavailableError } from "@/lib/db/unavailable";

/** GET /api/health: 200 {"status": "ok"} when the database answers, else 503 `unavailable` with Retry-After. */
export async function healthResponse(): Promise<Response> {
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
