import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl p-6 sm:p-10">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address.</p>
      <p className="mt-6 text-sm">
        <Link href="/settings/api-tokens" className="text-brand-700 underline">
          Go to API tokens
        </Link>
      </p>
    </main>
  );
}
