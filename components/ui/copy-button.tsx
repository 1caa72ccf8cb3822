"use client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Copies a value to the clipboard and confirms with a toast. */
export function CopyButton({ value, label = "Copy", what = "Value", className }: { value: string; label?: string; what?: string; className?: string }) {
  const toast = useToast();
  return (
    <Button
      className={className}
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          toast.success(`${what} copied to the clipboard.`);
        } catch {
          toast.error("Could not copy: select the text and copy it by hand.");
        }
      }}
    >
      Copy
    </Button>
  );
}
