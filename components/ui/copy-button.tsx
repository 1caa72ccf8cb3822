"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

const COPIED_FOR_MS = 2000;

/**
 * Copies a value to the clipboard: the button itself says "Copied" for a moment, and a toast says
 * what was copied (the announcement for screen readers). The accessible name stays `label`, so the
 * control can be found again while it says "Copied".
 */
export function CopyButton({ value, label = "Copy", what = "Value", className }: { value: string; label?: string; what?: string; className?: string }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Button
      className={`shrink-0 ${className ?? ""}`}
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(false), COPIED_FOR_MS);
          toast.success(`${what} copied to the clipboard.`);
        } catch {
          toast.error("Could not copy: select the text and copy it by hand.");
        }
      }}
    >
      {copied ? (
        <>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M3 8.5l3 3 7-7" />
          </svg>
          Copied
        </>
      ) : (
        "Copy"
      )}
    </Button>
  );
}
