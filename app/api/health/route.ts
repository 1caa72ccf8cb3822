// Health check for load balancers and the portal's error page: 200 when the database answers, 503 when
// not, or when the instance is draining before it exits (lib/db/health.ts).
import { healthResponse } from "@/lib/db/health";

export const dynamic = "force-dynamic";
export const GET = healthResponse;
