// The audit log export: every entry matching the filters, as CSV or JSON Lines, streamed. The response
// body is a ReadableStream that reads the next batch of entries from the database only when the client
// has taken the previous one, so memory stays flat and a slow download slows the reads, whatever the
// size of the log.
import { auditEventBatches, type AuditRow } from "@/lib/audit/list-audit-events";
import { csvRow } from "@/lib/audit/csv";
import { auditLogExportSchema, filterOf, firstValues, type AuditLogFilter, type ExportFormat } from "@/lib/audit/schemas";
import { AppError } from "@/lib/errors";
import { zodDetails } from "@/lib/validation/zod-details";

export const CSV_COLUMNS = ["Time (UTC)", "Actor", "Activity", "Action code", "Target type", "Target", "Target id", "Count", "Details", "Entry id"] as const;

function csvLine(row: AuditRow): string {
  return csvRow([row.at, row.actor, row.activity, row.action, row.targetTypeName, row.targetName ?? "", row.targetId, row.occurrences, row.details === "{}" ? "" : row.details, row.id]);
}

function parsedDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}

function jsonLine(row: AuditRow): string {
  return (
    JSON.stringify({
      id: row.id,
      time: row.at,
      actor: row.actor,
      actorUserId: row.actorUserId,
      action: row.action,
      activity: row.activity,
      targetType: row.targetType,
      targetId: row.targetId,
      targetName: row.targetName,
      count: row.occurrences,
      details: parsedDetails(row.details),
    }) + "\n"
  );
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

/** The export's body: a header line for CSV, then one line per entry, newest first. */
export function auditLogExportStream(tenantId: string, filter: AuditLogFilter, format: ExportFormat, batchSize = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditEventBatches(tenantId, filter, batchSize);
  let headerSent = format !== "csv";
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvRow(CSV_COLUMNS)));
          return;
        }
        try {
          const next = await batches.next();
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(next.value.map(format === "csv" ? csvLine : jsonLine).join("")));
        } catch (error) {
          console.error("keyport: the audit log export failed part way", error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // One batch at a time: the next is read only once the client has taken this one.
    { highWaterMark: 1 },
  );
}

export function exportFileName(tenantSlug: string, format: ExportFormat, now = new Date()): string {
  return `keyport-audit-log-${tenantSlug}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The export of `tenant`'s audit log as a download; refuses ("invalid_request", naming each) filters
 * that cannot be read. Who may export is decided by the caller's guard.
 */
export function auditLogExportResponse(request: Request, tenant: { id: string; slug: string }): Response {
  const parsed = auditLogExportSchema.safeParse(firstValues(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("invalid_request", "The export's filters are not valid: see error.details.", { details: zodDetails(parsed.error) });
  const { format, ...filter } = parsed.data;
  return new Response(auditLogExportStream(tenant.id, filterOf(filter), format), {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFileName(tenant.slug, format)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
