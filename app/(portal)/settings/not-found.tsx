import Link from "next/link";

/** A settings address with nothing behind it: said inside the portal, with its header and menu. */
export default function SettingsNotFound() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address. It may have been deleted, or the link is mistyped.</p>
      <p className="mt-4 text-sm">
        <Link href="/settings/api-tokens" className="text-brand-700 underline">
          Go to API tokens
        </Link>
      </p>
    </section>
  );
}
