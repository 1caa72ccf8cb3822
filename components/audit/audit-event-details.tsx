"use client";
// The details pane of one audit entry, in words: when (in the reader's time zone, and how long ago), who,
// what, which target, and each stored detail as a labelled field (names, not ids; "1 hour", not 3600;
// scopes as chips). The stored entry itself (ids, ISO times, JSON) is behind "Show raw".
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { LocalDateTime } from "@/components/tokens/token-times";
import { ReadableValueView, ShowRaw } from "@/components/audit/readable-fields";
import { readableDetails } from "@/lib/audit/readable-details";
import type { AuditRow } from "@/lib/audit/list-audit-events";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function rawDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}

export function AuditEventDetails({ row, serverNow, onClose, onShowTarget }: { row: AuditRow | null; serverNow: string; onClose: () => void; onShowTarget: (targetId: string) => void }) {
  // The acting credential is the Actor line already when no user acted.
  const fields = row ? readableDetails(row.details, row.names, { omit: row.actorUserId ? [] : ["actor"] }) : [];

  return (
    <Dialog open={row !== null} onClose={onClose} title={row ? row.activity : ""} className="max-w-2xl">
      {row ? (
        <div>
          <dl className="divide-y divide-slate-100">
            <Item label="Time">
              <div>
                <LocalDateTime value={row.at} />
              </div>
              <div className="text-slate-600">
                <RelativeTime value={row.at} serverNow={serverNow} />
              </div>
            </Item>
            <Item label="Actor">{row.actor}</Item>
            <Item label="Activity">
              {row.activity}
              {row.occurrences > 1 ? ` (${row.occurrences.toLocaleString("en")} times)` : ""}
            </Item>
            <Item label="Target">
              <div>{row.targetName ?? "Not named"}</div>
              <div className="text-slate-600">{row.targetTypeName}</div>
            </Item>
            {fields.map((field) => (
              <Item key={field.key} label={field.label}>
                <ReadableValueView value={field.value} />
              </Item>
            ))}
          </dl>
          <div className="mt-3">
            <ShowRaw raw={{ id: row.id, time: row.at, action: row.action, actorUserId: row.actorUserId, targetType: row.targetType, targetId: row.targetId, details: rawDetails(row.details) }} />
          </div>
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button onClick={() => onShowTarget(row.targetId)}>Show all entries for this target</Button>
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
