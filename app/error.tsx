"use client";
// Errors of the portal's layout (it reads the signed-in user) and of the sign-in page land here: while
// the database is away they read "temporarily unavailable", never a blank or generic error page.
import { PageError } from "@/components/ui/page-error";

export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl items-center px-4">
      <div className="w-full">
        <PageError reset={reset} />
      </div>
    </main>
  );
}
