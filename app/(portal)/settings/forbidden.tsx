import Link from "next/link";

/** Rendered with HTTP 403 when a settings page calls forbidden(): inside the portal, with its menu. */
export default function SettingsForbidden() {
  return (
    <section>
      <div role="alert" className="max-w-xl rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900 sm:p-6">
        <h1 className="text-xl font-semibold">403 — You don&apos;t have access to this page</h1>
        <p className="mt-2 text-sm">Only a Global administrator of this tenant can open it. Ask one if you need a change here.</p>
      </div>
      <p className="mt-4 text-sm">
        <Link href="/settings/api-tokens" className="text-brand-700 underline">
          Back to your API tokens
        </Link>
      </p>
    </section>
  );
}
