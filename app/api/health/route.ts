// Health check for load balancers and the portal's error page: 200 when the database answers, 503 when not.
import { healthResponse } from "@/lib/db/health";

export const dynamic = "force-dynamic";
export const GET = healthResponse;
