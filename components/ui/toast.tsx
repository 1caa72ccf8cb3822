"use client";
// Toasts: short confirmations and errors, announced to screen readers through a live region.
//
// A modal <dialog> makes everything outside it inert: a toast region at the end of <body> would be
// missing from the accessibility tree (and could not be dismissed) exactly when a dialog raised it.
// So every open dialog renders a <ToastHost/> inside itself, and the toasts are shown in the topmost
// host: inside the dialog, in the top layer, above its backdrop. With no dialog open they are shown
// in the page's own region. Each region exists before a toast arrives, so screen readers announce it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";

type Toast = { id: number; kind: "success" | "error"; message: string };
type ToastApi = { success: (message: string) => void; error: (message: string) => void };
type HostRegistry = { hosts: HTMLElement[]; register: (element: HTMLElement) => () => void };

const ToastContext = createContext<ToastApi | null>(null);
const HostContext = createContext<HostRegistry | null>(null);
let nextId = 1;

const LIFETIME = { success: 6000, error: 10000 } as const;
const regionClasses = "pointer-events-none fixed right-4 bottom-4 left-4 z-50 flex flex-col items-end gap-2 sm:left-auto sm:w-96";

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [hosts, setHosts] = useState<HTMLElement[]>([]);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((all) => all.filter((toast) => toast.id !== id));
  }, []);
  const schedule = useCallback((toast: Toast) => {
    clearTimeout(timers.current.get(toast.id));
    timers.current.set(toast.id, setTimeout(() => dismiss(toast.id), LIFETIME[toast.kind]));
  }, [dismiss]);
  const show = useCallback(
    (kind: Toast["kind"], message: string) => {
      const toast = { id: nextId++, kind, message };
      setToasts((all) => [...all.slice(-3), toast]);
      schedule(toast);
    },
    [schedule],
  );
  const api = useMemo<ToastApi>(() => ({ success: (m) => show("success", m), error: (m) => show("error", m) }), [show]);
  const registry = useMemo<HostRegistry>(
    () => ({
      hosts,
      register: (element) => {
        setHosts((all) => [...all, element]);
        return () => setHosts((all) => all.filter((host) => host !== element));
      },
    }),
    [hosts],
  );

  // While the pointer or the keyboard is on a toast, none of them goes away (time to read, or to act).
  const pause = () => timers.current.forEach((timer) => clearTimeout(timer));
  const resume = () => toasts.forEach(schedule);

  const items = toasts.map((toast) => (
    <div
      key={toast.id}
      data-toast={toast.kind}
      className={`pointer-events-auto flex w-full items-start justify-between gap-3 rounded-md px-4 py-3 text-sm shadow-lg ${toast.kind === "error" ? "bg-red-700 text-white" : "bg-slate-900 text-white"}`}
      onMouseEnter={pause}
      onMouseLeave={resume}
      onFocus={pause}
      onBlur={resume}
    >
      <span>{toast.message}</span>
      <button type="button" className="-m-2 min-h-8 min-w-8 rounded p-2 leading-none text-white hover:bg-white/10" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  ));
  const host = hosts.at(-1);

  return (
    <ToastContext.Provider value={api}>
      <HostContext.Provider value={registry}>
        {children}
        <div className={regionClasses} role="status" aria-live="polite" data-testid={host ? undefined : "toasts"}>
          {host ? null : items}
        </div>
        {host ? createPortal(items, host) : null}
      </HostContext.Provider>
    </ToastContext.Provider>
  );
}

/** Where toasts appear while the dialog that renders it is open (see the top of this file). */
export function ToastHost() {
  const registry = useContext(HostContext);
  const ref = useRef<HTMLDivElement>(null);
  const register = registry?.register;
  useEffect(() => {
    if (!ref.current || !register) return;
    return register(ref.current);
    // Registering once per mount: `register` changes with every host list.
  }, []);
  const active = registry !== null && ref.current !== null && registry.hosts.at(-1) === ref.current;
  return <div ref={ref} className={regionClasses} role="status" aria-live="polite" data-testid={active ? "toasts" : undefined} />;
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}
