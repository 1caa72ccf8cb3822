"use client";
// "Decode a token": a pasted access token's header and claims, and whether this tenant's API accepts it.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { inspectTokenAction } from "@/lib/actions/apps";
import type { TokenInspection } from "@/lib/oauth/inspect-token";

export function TokenInspector() {
  const toast = useToast();
  const [token, setToken] = useState("");
  const [result, setResult] = useState<TokenInspection | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const response = await inspectTokenAction({ token });
      if (!response.ok) {
        toast.error(response.error);
        return;
      }
      setResult(response.value);
    });
  }

  return (
    <div className="mt-6 space-y-4">
      <form onSubmit={submit} className="space-y-3">
        <label htmlFor="jwt" className="block text-sm font-medium">
          Access token
        </label>
        <textarea
          id="jwt"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          rows={5}
          spellCheck={false}
          className="w-full rounded-md border border-slate-300 p-3 font-mono text-xs"
          placeholder="eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6…"
        />
        <Button type="submit" variant="primary" disabled={pending || token.trim() === ""}>
          {pending ? "Decoding…" : "Decode"}
        </Button>
      </form>
      {result ? (
        result.ok ? (
          <div className="space-y-4" aria-live="polite">
            <p role="status" className={`rounded-md px-3 py-2 text-sm font-medium ${result.valid ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
              {result.valid ? "Valid: " : "Not valid: "}
              {result.verdict}
            </p>
            <JsonBlock title="Header" value={result.header} />
            <JsonBlock title="Claims" value={result.claims} />
          </div>
        ) : (
          <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {result.error}
          </p>
        )
      ) : null}
    </div>
  );
}

function JsonBlock({ title, value }: { title: string; value: Record<string, unknown> }) {
  const times = new Set(["iat", "nbf", "exp"]);
  return (
    <section aria-label={title}>
      <h2 className="text-sm font-semibold">{title}</h2>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        {JSON.stringify(value, null, 2)}
      </pre>
      {title === "Claims" ? (
        <ul className="mt-1 text-xs text-slate-600">
          {Object.entries(value)
            .filter(([name]) => times.has(name))
            .map(([name, seconds]) => (
              <li key={name}>
                {name}: {new Date(Number(seconds) * 1000).toISOString()}
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
