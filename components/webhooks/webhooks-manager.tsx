"use client";
// Settings › Webhooks: the tenant's webhooks, adding one (its signing secret shown once), changing
// one's URL and events, sending a test event, deleting one, and the way to each one's delivery log.
import { useState } from "react";
import Link from "next/link";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { createWebhookAction, deleteWebhookAction, sendTestEventAction, updateWebhookAction } from "@/lib/actions/webhooks";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SecretValue } from "@/components/ui/secret-value";
import { DataTable, dataTableFeatures } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import type { WebhookRow } from "@/lib/webhooks/manage-webhooks";

type Created = { url: string; secret: string };

type WebhookTableMeta = {
  serverNow: string;
  pending: boolean;
  onSendTest: (row: WebhookRow) => void;
  onEdit: (row: WebhookRow) => void;
  onDelete: (row: WebhookRow) => void;
};

const features = dataTableFeatures<WebhookTableMeta>();
const helper = createColumnHelper<typeof features, WebhookRow>();

// The columns are made once (see DataTable).
const COLUMNS = helper.columns([
  helper.display({
    id: "url",
    header: "URL",
    meta: { card: "title" },
    cell: ({ row: { original: row } }) => (
      <>
        <div className="font-mono text-xs [overflow-wrap:anywhere]">{row.url}</div>
        {row.description ? <div className="text-xs text-slate-600">{row.description}</div> : null}
      </>
    ),
  }),
  helper.display({
    id: "events",
    header: "Events",
    meta: { className: "text-xs" },
    cell: ({ row: { original: row } }) => (
      <ul>
        {row.events.map((event) => (
          <li key={event} className="font-mono">
            {event}
          </li>
        ))}
      </ul>
    ),
  }),
  helper.display({
    id: "added",
    header: "Added",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: row }, table }) => <RelativeTime value={row.createdAt} serverNow={table.options.meta!.serverNow} />,
  }),
  helper.display({
    id: "lastDelivery",
    header: "Last delivery",
    cell: ({ row: { original: row }, table }) => {
      const serverNow = table.options.meta!.serverNow;
      return (
        <>
          {row.paused ? (
            <div className="mb-1">
              <span title={row.paused.reason} className="inline-block rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
                Paused
              </span>
              <div className="mt-1 text-xs text-slate-600">
                since <RelativeTime value={row.paused.since} serverNow={serverNow} />: open its delivery log to resume it
              </div>
            </div>
          ) : null}
          {row.lastDelivery ? (
            <div>
              <DeliveryStatusBadge status={row.lastDelivery.status} attempts={row.lastDelivery.attempts} />
              <div className="mt-1 text-xs text-slate-600">
                <span className="font-mono">{row.lastDelivery.eventType}</span>, <RelativeTime value={row.lastDelivery.at} serverNow={serverNow} />
              </div>
            </div>
          ) : (
            <span className="text-slate-500">None yet</span>
          )}
        </>
      );
    },
  }),
  helper.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { card: "actions", className: "text-right whitespace-nowrap" },
    cell: ({ row: { original: row }, table }) => {
      const { pending, onSendTest, onEdit, onDelete } = table.options.meta!;
      return (
        <div className="flex flex-wrap gap-1 sm:flex-nowrap sm:justify-end">
          <Button variant="ghost" aria-label={`Send test event to ${row.url}`} disabled={pending} onClick={() => onSendTest(row)}>
            Send test event
          </Button>
          <Button variant="ghost" aria-label={`Edit ${row.url}`} onClick={() => onEdit(row)}>
            Edit
          </Button>
          <Link className={buttonClasses("ghost")} href={`/settings/webhooks/${row.id}`} aria-label={`Delivery log of ${row.url}`}>
            Delivery log
          </Link>
          <Button variant="ghost" className="!text-red-700" aria-label={`Delete ${row.url}`} onClick={() => onDelete(row)}>
            Delete
          </Button>
        </div>
      );
    },
  }),
]);

export function WebhooksManager({ rows, serverNow }: { rows: WebhookRow[]; serverNow: string }) {
  const hydrated = useHydrated();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [deleting, setDeleting] = useState<WebhookRow | null>(null);
  const [editing, setEditing] = useState<WebhookRow | null>(null);
  const { pending, run } = useAction();
  const table = useTable({ features, columns: COLUMNS, data: rows, getRowId: (row) => row.id, meta: { serverNow, pending, onSendTest: sendTest, onEdit: setEditing, onDelete: setDeleting } });

  function sendTest(row: WebhookRow) {
    run(() => sendTestEventAction({ webhookId: row.id }), (sent) => `Test event queued for ${sent.url}. Its delivery log shows how it went.`);
  }

  function confirmDelete() {
    if (!deleting) return;
    const row = deleting;
    run(() => deleteWebhookAction({ webhookId: row.id }), { success: (deleted) => `Webhook ${deleted.url} deleted.`, onSettled: () => setDeleting(null) });
  }

  return (
    <div className="mt-6">
      <div className="flex justify-end">
        <Button variant="primary" disabled={!hydrated} onClick={() => setAdding(true)}>
          Add webhook
        </Button>
      </div>
      <ScrollRegion label="Webhooks list" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <DataTable table={table} label="Webhooks" />
        {rows.length === 0 ? (
          <div className="px-6 py-12 text-center">
            <p className="font-medium">No webhooks yet.</p>
            <p className="mt-1 text-sm text-slate-600">Add one to have Keyport post token and user events to your endpoint.</p>
          </div>
        ) : null}
      </ScrollRegion>

      {adding ? (
        <WebhookDialog
          onClose={() => setAdding(false)}
          onCreated={(value) => {
            setAdding(false);
            setCreated(value);
          }}
        />
      ) : null}

      {editing ? <WebhookDialog key={editing.id} editing={editing} onClose={() => setEditing(null)} /> : null}

      <Dialog open={created !== null} onClose={() => setCreated(null)} title="Webhook added" description={created ? <span className="[overflow-wrap:anywhere]">{created.url}</span> : undefined}>
        {created ? (
          <div className="space-y-4">
            <SecretValue
              id="webhook-secret"
              label="Signing secret"
              value={created.secret}
              what="Signing secret"
              warning="Copy the signing secret now: it will not be shown again. Your endpoint verifies each event's signature with it."
            />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setCreated(null)}>
                Close
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>

      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete webhook?"
        description={deleting ? <span className="[overflow-wrap:anywhere]">Keyport stops sending events to {deleting.url}; deliveries not yet made are dropped.</span> : undefined}
      >
        <DialogActions onCancel={() => setDeleting(null)} onConfirm={confirmDelete} variant="danger" pending={pending} label="Delete" pendingLabel="Deleting…" />
      </Dialog>
    </div>
  );
}

/** Adding a webhook (`editing` absent) or changing one: the same fields and the same rules. */
function WebhookDialog({ editing, onClose, onCreated }: { editing?: WebhookRow; onClose: () => void; onCreated?: (created: Created) => void }) {
  const toast = useToast();
  const [url, setUrl] = useState(editing?.url ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [events, setEvents] = useState<WebhookEventType[]>(editing ? editing.events : [...WEBHOOK_EVENT_TYPES]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const { pending, run } = useAction();

  function onFailure(failure: { error: string; fieldErrors?: Record<string, string[]> }) {
    setErrors(failure.fieldErrors ?? {});
    toast.error(failure.error);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (editing) {
      run(() => updateWebhookAction({ webhookId: editing.id, url, description, events }), {
        success: (updated) => (updated.changed ? `Webhook ${updated.url} saved.` : "Nothing changed."),
        onSuccess: () => onClose(),
        onFailure,
      });
      return;
    }
    run(() => createWebhookAction({ url, description, events }), {
      success: (created) => `Webhook ${created.url} added.`,
      onSuccess: (created) => onCreated?.({ url: created.url, secret: created.secret }),
      onFailure,
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={editing ? "Edit webhook" : "Add webhook"}
      description={
        editing
          ? "Deliveries not yet made go to the new URL; its signing secret stays the same."
          : "Keyport posts each chosen event as signed JSON to this URL, and retries for 24 hours until it answers 2xx."
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          id="webhook-url"
          label="URL"
          type="url"
          value={url}
          onValue={setUrl}
          autoFocus
          maxLength={2000}
          placeholder="https://example.com/keyport-events"
          hint="https:// or http://; redirects are not followed."
          error={errors.url}
        />
        <TextField id="webhook-description" label="Description" value={description} onValue={setDescription} maxLength={200} hint="Optional: what receives the events." error={errors.description} />
        <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">Events</legend>
          <div className="mt-2 space-y-1">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={events.includes(type)}
                  onChange={(change) => setEvents(change.target.checked ? [...events, type] : events.filter((item) => item !== type))}
                />
                <span>
                  <span className="font-mono">{type}</span>
                  <span className="block text-xs text-slate-600">{WEBHOOK_EVENT_DESCRIPTIONS[type]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.events ? (
            <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
              {errors.events[0]}
            </p>
          ) : null}
        </fieldset>
        <DialogActions onCancel={onClose} label={editing ? "Save" : "Add"} pendingLabel={editing ? "Saving…" : "Adding…"} pending={pending} />
      </form>
    </Dialog>
  );
}
