"use client";
// A settings page that failed to render says why in words (the database is away, or something else)
// and offers a retry, instead of a blank screen.
import { PageError } from "@/components/ui/page-error";

export default function SettingsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
