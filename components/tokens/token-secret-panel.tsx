"use client";
// A credential's value, shown once: the warning, the value in a read-only box, Copy, the tenant URL and
// an example request (with its own copy button). Leaving by Escape before the value was copied asks
// first, since the value can never be shown again; the explicit Close button is a deliberate choice
// and closes at once.
import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** What a shown-once dialog needs to ask before an accidental Escape discards an uncopied value. */
export type DiscardGuard = {
  copied: boolean;
  asking: boolean;
  markCopied: () => void;
  /** For the dialog's Escape: asks first unless copied; a second Escape while asking discards. */
  requestClose: () => void;
  keep: () => void;
  discard: () => void;
};

export function useDiscardGuard(onDiscard: () => void): DiscardGuard {
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState(false);
  return {
    copied,
    asking,
    markCopied: () => setCopied(true),
    requestClose: () => {
      if (copied || asking) onDiscard();
      else setAsking(true);
    },
    keep: () => setAsking(false),
    discard: onDiscard,
  };
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function TokenSecretPanel({
  value,
  tenantUrl,
  guard,
  example = "/api/v1/alerts/",
  what = "token",
  note,
}: {
  value: string;
  tenantUrl: string;
  guard: DiscardGuard;
  example?: string;
  /** What the value is, in the sentences shown ("token"). */
  what?: string;
  /** A line under the warning, e.g. until when a rotated token's previous value works. */
  note?: React.ReactNode;
}) {
  const toast = useToast();
  const [status, setStatus] = useState("");
  const goBackRef = useRef<HTMLButtonElement>(null);
  // The variable the README's examples use, so a reader can go on from this one to those.
  const command = `curl -H "Authorization: Token $TOKEN" ${tenantUrl}${example}`;

  useEffect(() => {
    if (guard.asking) goBackRef.current?.focus();
  }, [guard.asking]);

  if (guard.asking) {
    return (
      <div className="space-y-4">
        <div role="alert">
          <p className="font-medium">You haven&apos;t copied the {what}.</p>
          <p className="mt-1 text-sm text-slate-600">
            Once this dialog closes, the {what} can&apos;t be shown again: you would have to rotate it or make a new one.
          </p>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" ref={goBackRef} className={buttonClasses("primary")} onClick={guard.keep}>
            Go back
          </button>
          <Button variant="danger" onClick={guard.discard}>
            Discard {what}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
        Copy the {what} now. It will not be shown again: Keyport keeps only a fingerprint of it.
      </p>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      <div>
        <label htmlFor="new-token-value" className="block text-sm font-medium">
          Token
        </label>
        <div className="mt-1 flex flex-wrap items-center gap-2 sm:flex-nowrap">
          <input
            id="new-token-value"
            readOnly
            autoFocus
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            onCopy={guard.markCopied}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-xs"
          />
          <Button
            aria-label="Copy"
            onClick={async () => {
              if (await copyText(value)) {
                guard.markCopied();
                setStatus("Copied");
                toast.success("Token copied to the clipboard.");
              } else {
                setStatus("");
                toast.error("Could not copy: select the text and copy it by hand.");
              }
            }}
          >
            Copy
          </Button>
          <span role="status" className="text-sm text-green-800">
            {status}
          </span>
        </div>
      </div>
      <div className="text-sm">
        <p className="font-medium">Tenant URL</p>
        <p className="mt-1 text-slate-600">
          Call the API at{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs break-all" data-testid="new-token-tenant-url">
            {tenantUrl}
          </code>
        </p>
        {/* Open from the start: the first call is what a person wants to try next. */}
        <details className="mt-2" open>
          <summary className="cursor-pointer text-slate-700">Example request</summary>
          {/* Wrapped rather than cut off; focusable so a keyboard can reach it should it ever scroll. */}
          <pre tabIndex={0} aria-label="Example request" className="mt-2 rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
            {command}
          </pre>
          <div className="mt-2 flex items-center gap-2">
            <ExampleCopyButton command={command} />
            <span className="text-xs text-slate-500">First set TOKEN to the value: TOKEN=kpat_…</span>
          </div>
        </details>
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={guard.discard}>
          Close
        </Button>
      </div>
    </div>
  );
}

// Its name holds no "Copy": the example is open from the start, and "Copy" alone is the value's button.
function ExampleCopyButton({ command }: { command: string }) {
  const toast = useToast();
  return (
    <Button
      onClick={async () => {
        if (await copyText(command)) toast.success("Example request copied to the clipboard.");
        else toast.error("Could not copy: select the text and copy it by hand.");
      }}
    >
      Put the example on the clipboard
    </Button>
  );
}
