"use client";
// Close an open alert as benign, false positive or true positive, with an optional comment. Only
// rendered for roles that may close alerts; the server action checks again.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { closeAlertAction } from "@/lib/actions/alerts";
import type { CloseReason } from "@/lib/resources/schemas/alerts";

const REASONS: { value: CloseReason; label: string; hint: string }[] = [
  { value: "benign", label: "Benign", hint: "Real activity, but expected or allowed (an admin's planned change, a test)." },
  { value: "false_positive", label: "False positive", hint: "The alert was wrong: the activity did not happen as described." },
  { value: "true_positive", label: "True positive", hint: "A real threat, now handled." },
];

/** `isOpen`: the alert as the page last loaded it; once closed (here or elsewhere) only this session's message stays. */
export function CloseAlert({ alertId, title, isOpen }: { alertId: string; title: string; isOpen: boolean }) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  return (
    <div>
      {done ? (
        <p ref={doneRef} role="status" tabIndex={-1} className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none">
          {done}
        </p>
      ) : isOpen ? (
        <Button variant="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
          Close alert
        </Button>
      ) : null}
      {open ? (
        <CloseAlertDialog
          alertId={alertId}
          title={title}
          onClose={() => setOpen(false)}
          onClosed={(text) => {
            setDone(text);
            setOpen(false);
          }}
          returnFocus={() => doneRef.current}
        />
      ) : null}
    </div>
  );
}

function CloseAlertDialog({
  alertId,
  title,
  onClose,
  onClosed,
  returnFocus,
}: {
  alertId: string;
  title: string;
  onClose: () => void;
  onClosed: (text: string) => void;
  returnFocus: () => HTMLElement | null;
}) {
  const [reason, setReason] = useState<CloseReason | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!reason) {
      setError("Choose why the alert is closed.");
      return;
    }
    // Said once, by the message that takes the focus where the button was (no toast on top).
    const label = REASONS.find((choice) => choice.value === reason)!.label;
    run(() => closeAlertAction({ alertId, reason, comment: comment.trim() || undefined }), {
      onSuccess: () => onClosed(`Closed as ${label.toLowerCase()}.`),
      onFailure: (failure) => setError(failure.error),
    });
  }

  return (
    <Dialog open onClose={onClose} title="Close alert" description={<>Closing <strong>{title}</strong> marks it handled for everyone, in the portal and through the API.</>} returnFocus={returnFocus}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <DialogError message={error} />
        <fieldset>
          <legend className="text-sm font-medium">Reason</legend>
          <div className="mt-2 space-y-2">
            {REASONS.map((choice) => (
              <label key={choice.value} className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name="close-reason" value={choice.value} checked={reason === choice.value} onChange={() => setReason(choice.value)} className="mt-0.5 h-4 w-4" />
                <span>
                  <span className="font-medium">{choice.label}</span>
                  <span className="block text-slate-600">{choice.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="close-comment" className="block text-sm font-medium">
            Comment <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <textarea id="close-comment" value={comment} maxLength={2000} rows={3} onChange={(event) => setComment(event.target.value)} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" />
        </div>
        <DialogActions onCancel={onClose} label="Close alert" pendingLabel="Closing…" pending={pending} />
      </form>
    </Dialog>
  );
}
