// Methods a route does not serve answer 405 with the JSON error body and an Allow header, like every
// other API error (Next's own 405 has no body).
import { AppError, errorResponse } from "@/lib/errors";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

export function otherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const refuse = () =>
    errorResponse(new AppError("method_not_allowed", `This endpoint takes ${allowed.join(" or ")}.`, { headers: { Allow: allowed.join(", ") } }));
  return Object.fromEntries(METHODS.map((method) => [method, refuse])) as Record<Method, () => Response>;
}
