"use client";
// A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and makes
// the rest of the page inert. On top of that:
// - focus goes back to the control that opened it, however it closes (Escape, Cancel, Close, a
//   confirmed action, or the dialog simply being unmounted), or to `returnFocus` when the caller
//   knows better (the opener is gone, or now means something else);
// - when the dialog swaps its content for a result (its title changes) and focus was on a control
//   that no longer exists, focus moves to the new title, so a screen reader announces the result;
// - toasts raised while it is open are shown inside it (see ToastHost), not under its backdrop;
// - it fits a phone: it never grows wider or taller than the screen, and scrolls inside.
import { useEffect, useId, useLayoutEffect, useRef } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { focusTargetOf, placeOf, returnFocus as giveFocusBack, type FocusPlace } from "@/components/ui/focus-return";
import { ToastHost } from "@/components/ui/toast";

/** Where focus goes when a dialog closes: an element, a ref to one, or a function asked at that moment. */
export type FocusTarget = HTMLElement | null | React.RefObject<HTMLElement | null> | (() => HTMLElement | null | undefined);

// Safari does not focus a button when it is clicked, so the opener is also remembered from the pointer.
let lastPressed: HTMLElement | null = null;
if (typeof document !== "undefined") {
  document.addEventListener(
    "pointerdown",
    (event) => {
      const target = (event.target as Element | null)?.closest?.("button, a, [tabindex]");
      lastPressed = target instanceof HTMLElement ? target : null;
    },
    true,
  );
}

export function resolveTarget(target: FocusTarget | undefined): HTMLElement | null {
  if (!target) return null;
  if (typeof target === "function") return target() ?? null;
  if (target instanceof HTMLElement) return target;
  return target.current;
}

/** Moves focus to `element` once the browser has finished closing the dialog. */
export function focusSoon(element: HTMLElement | null | undefined) {
  if (!element) return;
  requestAnimationFrame(() => {
    if (element.isConnected) element.focus({ preventScroll: false });
  });
}

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  className = "",
  returnFocus,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  returnFocus?: FocusTarget;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const opener = useRef<FocusPlace | null>(null);
  const returnFocusRef = useRef(returnFocus);
  const titleId = useId();
  const descriptionId = useId();

  useLayoutEffect(() => {
    returnFocusRef.current = returnFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      const openedBy = active instanceof HTMLElement && active !== document.body ? active : lastPressed;
      opener.current = openedBy ? placeOf(openedBy) : null;
      dialog.showModal();
      // React's autoFocus ran while the dialog was still closed (and so did nothing); the control that
      // asked for the first focus gets it now. Without one, the browser's choice stands: the first field.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
      return;
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus();
    }
    // restoreFocus reads refs only.
  }, [open]);

  // Unmounted while open (the usual way a conditionally rendered dialog goes away). The cleanup runs
  // after React removed the element; a development-mode re-run of effects leaves it in the document.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog && !dialog.isConnected && opener.current) restoreFocus();
    };
  }, []);

  // The content was swapped for a result: announce it by moving focus to the new title, unless the
  // new content already took the focus.
  const shownTitle = useRef(title);
  useEffect(() => {
    if (!open) {
      shownTitle.current = title;
      return;
    }
    if (shownTitle.current === title) return;
    shownTitle.current = title;
    const dialog = ref.current;
    const active = document.activeElement;
    const focusLost = !active || active === document.body || active === dialog || !dialog?.contains(active);
    const heading = titleRef.current;
    if (focusLost && heading) {
      // Focusable only for this: as a tab stop, or as the browser's first choice on opening, it would be in the way.
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [open, title]);

  function restoreFocus() {
    const chosen = resolveTarget(returnFocusRef.current);
    const place = opener.current;
    opener.current = null;
    if (chosen) {
      chosen.focus();
      // The browser's own focus fix-up after close() may run later: insist once more.
      focusSoon(chosen);
    } else if (place) giveFocusBack(() => focusTargetOf(place));
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        if (open) onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-1.5rem)] w-[calc(100%-1.5rem)] max-w-lg overflow-y-auto rounded-lg bg-white p-0 text-slate-900 shadow-xl ${className}`}
    >
      {open ? (
        <div className="p-4 sm:p-6">
          <h2 id={titleId} ref={titleRef} className="text-lg font-semibold break-words focus:outline-none">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          ) : null}
          <div className="mt-4">{children}</div>
          <ToastHost />
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * The buttons at the foot of a dialog: Cancel, then the action. With `onConfirm` it is a confirmation
 * (Cancel takes the focus, so Enter never destroys by accident); without, the action submits the form.
 * On a phone they stack full width, in reading order, each large enough to tap.
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
    // Kept in view at the bottom of a dialog that scrolls (a long form on a phone), so the action can
    // always be reached without scrolling to it first.
    <div className="sticky bottom-0 z-10 -mx-4 -mb-4 flex flex-col gap-2 border-t border-slate-200 bg-white px-4 py-3 sm:-mx-6 sm:-mb-6 sm:flex-row sm:justify-end sm:px-6 sm:py-4">
      <Button onClick={onCancel} data-autofocus={onConfirm !== undefined ? "" : undefined} className="min-h-11 sm:min-h-0">
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={variant} disabled={pending || disabled} onClick={onConfirm} className="min-h-11 sm:min-h-0">
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
    </div>
  );
}

/** An error that stops a dialog's action, shown (and announced) inside the dialog. */
export function DialogError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
