// The audit log export of the signed-in admin's tenant, streamed as CSV or JSON Lines.
import { getCurrentUser } from "@/lib/auth/session";
import { auditLogExportResponse } from "@/lib/audit/export-audit-log";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return auditLogExportResponse(request, await getCurrentUser());
}
