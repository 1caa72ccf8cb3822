"use client";
// A portal page that failed to render: "temporarily unavailable" while the database is away, else a retry.
import { PageError } from "@/components/ui/page-error";

export default function PortalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <PageError reset={reset} />
    </main>
  );
}
