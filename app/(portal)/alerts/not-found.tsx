import Link from "next/link";

/** An alert id that names no alert of this tenant: said inside the portal, with its header. */
export default function AlertNotFound() {
  return (
    <main id="main" className="mx-auto max-w-4xl px-3 py-4 sm:px-6 sm:py-6">
      <h1 className="text-2xl font-semibold">Alert not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is no alert with this id in your tenant.</p>
      <p className="mt-4 text-sm">
        <Link href="/alerts" className="text-brand-700 underline">
          Back to Alerts
        </Link>
      </p>
    </main>
  );
}
