"use client";
// The last resort, when the root layout itself fails: it replaces the whole document.
import { PageError } from "@/components/ui/page-error";
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto flex min-h-screen max-w-xl items-center px-4">
          <div className="w-full">
            <PageError reset={reset} />
          </div>
        </main>
      </body>
    </html>
  );
}
