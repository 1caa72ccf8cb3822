"use client";
// A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape,
// makes the rest of the page inert, and returns focus to the control that opened it.
import { useEffect, useId, useRef } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  className = "",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto w-full max-w-lg rounded-lg bg-white p-0 text-slate-900 shadow-xl ${className}`}
    >
      {open ? (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          ) : null}
          <div className="mt-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * The buttons at the foot of a dialog: Cancel, then the action. With `onConfirm` it is a confirmation
 * (Cancel takes the focus, so Enter never destroys by accident); without, the action submits the form.
 */
export function DialogActions({
  onCancel,
  label,
  pendingLabel,
  pending = false,
  disabled = false,
  variant = "primary",
  onConfirm,
}: {
  onCancel: () => void;
  label: string;
  pendingLabel?: string;
  pending?: boolean;
  disabled?: boolean;
  variant?: ButtonVariant;
  onConfirm?: () => void;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button onClick={onCancel} autoFocus={onConfirm !== undefined}>
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={variant} disabled={pending || disabled} onClick={onConfirm}>
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
    </div>
  );
}
