/** The announcement at the top of the tokens page: how many of the reader's own tokens stop working within a week. */
export function ExpiringSoonNotice({ count }: { count: number }) {
  return (
    <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">{count === 1 ? "1 of your tokens expires this week." : `${count} of your tokens expire this week.`}</p>
      <p className="mt-0.5">
        Calls with an expired token are refused. Rotate the ones still in use (their rows are marked &ldquo;Expires this week&rdquo;) or let them go.
      </p>
    </div>
  );
}
