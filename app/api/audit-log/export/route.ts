// The audit log export of the signed-in admin's tenant, streamed as CSV or JSON Lines.
import { withSessionAuth } from "@/lib/api/with-session-auth";
import { auditLogExportResponse } from "@/lib/audit/export-audit-log";

export const dynamic = "force-dynamic";

export const GET = withSessionAuth((request, { user }) => auditLogExportResponse(request, user.tenant), { action: "auditLog.read" });
