"use client";
// "Decode a token": a pasted access token's header and claims, and whether this tenant's API accepts it.
// Times (iat, nbf, exp) are shown as people read them, in their own time zone, beside the raw value.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { exactTimeText, relativeTimeText } from "@/components/ui/relative-time";
import { inspectTokenAction } from "@/lib/actions/apps";
import type { TokenInspection } from "@/lib/oauth/inspect-token";

const TIME_CLAIMS: Record<string, string> = { iat: "Issued", nbf: "Not before", exp: "Expires" };

export function TokenInspector() {
  const [token, setToken] = useState("");
  const [result, setResult] = useState<TokenInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useAction();
  const outcomeRef = useRef<HTMLDivElement>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => inspectTokenAction({ token }), {
      onSuccess: (inspection) => {
        setError(null);
        setResult(inspection);
      },
      onFailure: (failure) => {
        setResult(null);
        setError(failure.error);
      },
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
          className="w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-xs break-all"
          placeholder="eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6…"
        />
        <Button type="submit" variant="primary" disabled={pending || token.trim() === ""}>
          {pending ? "Decoding…" : "Decode"}
        </Button>
      </form>
      <div ref={outcomeRef} aria-live="polite" className="space-y-4">
        {error ? (
          <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : result ? (
          <>
            <div role="status" className={`rounded-md px-3 py-2 text-sm ${result.valid ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
              <p className="font-medium">{result.valid ? result.verdict : `Not valid: ${result.verdict}`}</p>
              {result.valid && result.expiresAt ? <p className="mt-1">Expires {whenText(result.expiresAt)}.</p> : null}
            </div>
            <ClaimsBlock title="Header" value={result.header} />
            <ClaimsBlock title="Claims" value={result.claims} />
          </>
        ) : null}
      </div>
    </div>
  );
}

function whenText(iso: string): string {
  const date = new Date(iso);
  return `${exactTimeText(date)} (${relativeTimeText(date, new Date())})`;
}

function ClaimsBlock({ title, value }: { title: string; value: Record<string, unknown> }) {
  const times = Object.entries(value).filter(([name, seconds]) => name in TIME_CLAIMS && typeof seconds === "number");
  return (
    <section aria-label={title}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {/* Wrapped to the box: long values (ids, audiences) break instead of running off its edge. */}
      <pre className="mt-1 rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">{JSON.stringify(value, null, 2)}</pre>
      {times.length ? (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          {times.map(([name, seconds]) => (
            <div key={name} className="contents">
              <dt className="font-medium text-slate-700">
                {TIME_CLAIMS[name]} <code className="font-mono text-xs text-slate-600">({name})</code>
              </dt>
              <dd className="text-slate-700">{whenText(new Date(Number(seconds) * 1000).toISOString())}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
