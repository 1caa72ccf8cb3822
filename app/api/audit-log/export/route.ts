// The audit log export of the signed-in admin's tenant, streamed as CSV or JSON Lines.
import { getCurrentUser } from "@/lib/auth/session";
import { apiErrorResponse } from "@/lib/api/with-api-auth";
import { auditLogExportResponse } from "@/lib/audit/export-audit-log";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    return await auditLogExportResponse(request, await getCurrentUser());
  } catch (error) {
    // The database being away is a 503 with Retry-After, like every API answer.
    return apiErrorResponse(error);
  }
}
