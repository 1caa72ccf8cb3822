"use client";
// A table whose state (search, filters, sort, page) lives in the page URL, so that a reload or a shared
// link shows the same view. A change replaces the URL in a transition (`loading` while the server
// renders the new rows); a value equal to its default leaves the URL; changes made in quick succession
// build on each other, not on the URL of the page still shown.
import { useCallback, useEffect, useRef, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type QueryChanges = Record<string, string | number | null>;

const NONE: readonly string[] = [];
const NO_DEFAULTS: Readonly<Record<string, string>> = {};

export function useUrlQuery({ defaults = NO_DEFAULTS, resetOnChange = NONE }: { defaults?: Readonly<Record<string, string>>; resetOnChange?: readonly string[] } = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [loading, startNavigation] = useTransition();
  const pendingParams = useRef<string | null>(null);
  useEffect(() => {
    if (pendingParams.current === searchParams.toString()) pendingParams.current = null;
  }, [searchParams]);

  const navigate = useCallback(
    (changes: QueryChanges) => {
      const params = new URLSearchParams(pendingParams.current ?? searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "" || String(value) === defaults[key]) params.delete(key);
        else params.set(key, String(value));
      }
      // A new filter or order starts again from the first page.
      for (const key of resetOnChange) if (!(key in changes)) params.delete(key);
      const search = params.toString();
      pendingParams.current = search;
      startNavigation(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
    },
    [defaults, resetOnChange, pathname, router, searchParams],
  );

  return { navigate, loading };
}
