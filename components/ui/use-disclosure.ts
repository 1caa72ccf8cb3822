"use client";
// A disclosure: a button that shows and hides a panel (the folded menus of small screens). It closes
// when the page changes, on Escape (giving the focus back to its button), and, when asked, on a press
// outside `containerRef`. Spread `buttonProps` on the button and `onKeyDown` on the element that holds
// both; give the panel `id={panelId}`.
import { useEffect, useId, useRef, useState } from "react";
import { usePathname } from "next/navigation";

export function useDisclosure(options: { closeOnOutsidePress?: boolean } = {}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  const closeOnOutsidePress = options.closeOnOutsidePress ?? false;

  // A chosen page closes it.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open || !closeOnOutsidePress) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, closeOnOutsidePress]);

  return {
    open,
    panelId,
    containerRef,
    buttonProps: { ref: buttonRef, type: "button" as const, "aria-expanded": open, "aria-controls": panelId, onClick: () => setOpen((value) => !value) },
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === "Escape" && open) {
        setOpen(false);
        buttonRef.current?.focus();
      }
    },
  };
}
