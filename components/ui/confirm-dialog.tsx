"use client";
// "Are you sure?" for changes that destroy or cut off something: the dialog names the item, Cancel has
// the focus (Enter never destroys by accident), and a refusal from the server is shown inside the
// dialog (which stays open), not only as a toast behind it.
import { useRef, useState, useTransition } from "react";
import { Dialog, DialogActions, DialogError, resolveTarget, type FocusTarget } from "@/components/ui/dialog";
import type { ButtonVariant } from "@/components/ui/button";

export type ConfirmOutcome = { ok: true } | { ok: false; error: string };

export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  pendingLabel,
  variant = "danger",
  onConfirm,
  onClose,
  returnFocusAfterConfirm,
}: {
  open: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  /** Runs the change; the dialog closes when it succeeds and shows the error when it does not. */
  onConfirm: () => Promise<ConfirmOutcome>;
  onClose: () => void;
  /**
   * Where focus goes once the change is made, when the control that opened the dialog goes away or
   * changes meaning with it (a removed row's button). Cancelling always returns to that control.
   */
  returnFocusAfterConfirm?: FocusTarget;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmed = useRef(false);

  function close() {
    setError(null);
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      returnFocus={() => {
        const target = confirmed.current ? resolveTarget(returnFocusAfterConfirm) : null;
        confirmed.current = false;
        return target;
      }}
    >
      <DialogError message={error} />
      <DialogActions
        onCancel={close}
        label={confirmLabel}
        pendingLabel={pendingLabel}
        pending={pending}
        variant={variant}
        onConfirm={() =>
          startTransition(async () => {
            const outcome = await onConfirm();
            if (outcome.ok) {
              confirmed.current = true;
              close();
            } else setError(outcome.error);
          })
        }
      />
    </Dialog>
  );
}
