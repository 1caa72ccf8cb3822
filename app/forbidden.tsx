import Link from "next/link";

/** Rendered with HTTP 403 when a page outside settings calls forbidden(): signed in, but not allowed here. */
export default function Forbidden() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl p-6 focus:outline-none sm:p-10">
      <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900 sm:p-6">
        <h1 className="text-xl font-semibold">403 — You don&apos;t have access to this page</h1>
        <p className="mt-2 text-sm">Your role does not allow it. Ask a Global administrator of this tenant if you need a change here.</p>
      </div>
      <p className="mt-6 text-sm">
        <Link href="/settings/api-tokens" className="text-brand-700 underline">
          Back to your API tokens
        </Link>
      </p>
    </main>
  );
}
