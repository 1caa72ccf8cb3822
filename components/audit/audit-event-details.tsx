"use client";
// The details pane of one audit entry: when (exact, in UTC and in the browser's time zone), who, what,
// which target, and every stored detail as a labelled field that wraps between words.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { detailFields } from "@/lib/audit/activity-names";
import type { AuditRow } from "@/lib/audit/list-audit-events";

function utcText(value: string): string {
  return value.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

export function AuditEventDetails({ row, serverNow, onClose, onShowTarget }: { row: AuditRow | null; serverNow: string; onClose: () => void; onShowTarget: (targetId: string) => void }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    setLocal(row ? new Date(row.at).toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" }) : null);
  }, [row]);
  const fields = row ? detailFields(row.details).filter((field) => field.key !== "actor" || !row.actorUserId) : [];

  return (
    <Dialog open={row !== null} onClose={onClose} title={row ? row.activity : ""} className="max-w-2xl">
      {row ? (
        <div>
          <dl className="divide-y divide-slate-100">
            <Item label="Time">
              <div>{utcText(row.at)}</div>
              {local ? <div className="text-slate-600">{local} (your time)</div> : null}
              <div className="text-slate-600">
                <RelativeTime value={row.at} serverNow={serverNow} />
              </div>
            </Item>
            <Item label="Actor">{row.actor}</Item>
            <Item label="Activity">
              {row.activity}
              {row.occurrences > 1 ? ` (${row.occurrences.toLocaleString("en")} times)` : ""} <span className="font-mono text-xs text-slate-500">{row.action}</span>
            </Item>
            <Item label="Target">
              <div>{row.targetName ?? "—"}</div>
              <div className="text-slate-600">{row.targetTypeName}</div>
              <div className="font-mono text-xs text-slate-500 [overflow-wrap:anywhere]">{row.targetId}</div>
            </Item>
            {fields.map((field) => (
              <Item key={field.key} label={field.label}>
                {field.value.includes("\n") ? <pre className="font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">{field.value}</pre> : field.value}
              </Item>
            ))}
            <Item label="Entry id">
              <span className="font-mono text-xs [overflow-wrap:anywhere]">{row.id}</span>
            </Item>
          </dl>
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
