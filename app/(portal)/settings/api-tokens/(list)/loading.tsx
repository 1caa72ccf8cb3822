/** Shown while the token table renders on the server. (Only here: a loading boundary starts the response with 200, so pages that may answer 403 must not have one.) */
export default function ApiTokensLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-4 w-40 rounded bg-slate-200" />
      <div className="h-7 w-72 rounded bg-slate-200" />
      <div className="h-64 rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
