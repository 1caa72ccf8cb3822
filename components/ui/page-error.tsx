"use client";
// What a page that failed to render shows. The browser is never told why a server render failed, so
// it asks the health check: when the database is away the page says Keyport is temporarily
// unavailable and tries again by itself until it is back; otherwise it offers a retry.
import { startTransition, useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

const RETRY_EVERY_MS = 5_000;

type Verdict = "checking" | "unavailable" | "failed";

// When the database has just come back, the first render after it may still fail (a connection being
// re-established): a failure within this time of an automatic retry keeps the page retrying.
const RECOVERY_WINDOW_MS = 20_000;
let lastAutoRetryAt = 0;

async function databaseAway(): Promise<boolean> {
  try {
    const response = await fetch("/api/health", { cache: "no-store" });
    return response.status === 503;
  } catch {
    // The server itself does not answer: as unavailable as it gets.
    return true;
  }
}

export function PageError({ reset }: { reset: () => void }) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<Verdict>("checking");

  // Both in one transition: the boundary is reset once the fresh server render has arrived, not
  // before (it would show the old, failed render again).
  const retry = useCallback(() => {
    startTransition(() => {
      router.refresh();
      reset();
    });
  }, [router, reset]);

  useEffect(() => {
    let cancelled = false;
    void databaseAway().then((away) => {
      if (!cancelled) setVerdict(away || Date.now() - lastAutoRetryAt < RECOVERY_WINDOW_MS ? "unavailable" : "failed");
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (verdict !== "unavailable") return;
    const timer = setInterval(() => {
      void databaseAway().then((away) => {
        if (away) return;
        lastAutoRetryAt = Date.now();
        retry();
      });
    }, RETRY_EVERY_MS);
    return () => clearInterval(timer);
  }, [verdict, retry]);

  if (verdict === "checking") {
    return (
      <div role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
        This page could not be loaded. Checking why…
      </div>
    );
  }
  if (verdict === "unavailable") {
    return (
      <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-950">
        <h1 className="text-lg font-semibold">Keyport is temporarily unavailable</h1>
        <p className="mt-1 text-sm">It cannot reach its database right now. This page loads again by itself as soon as the database is back.</p>
        <Button className="mt-3" onClick={retry}>
          Try again
        </Button>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <p className="font-medium">This page could not be loaded.</p>
      <p className="mt-1 text-sm">Something went wrong on our side. Try again; if it keeps failing, the server log says why.</p>
      <Button className="mt-3" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
