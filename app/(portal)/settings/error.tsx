"use client";
// A page that failed to render says so and offers a retry, instead of a blank screen.
import { Button } from "@/components/ui/button";

export default function SettingsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <p className="font-medium">This page could not be loaded.</p>
      <p className="mt-1 text-sm">Something went wrong on our side. Try again; if it keeps failing, the server log says why.</p>
      <Button className="mt-3" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
