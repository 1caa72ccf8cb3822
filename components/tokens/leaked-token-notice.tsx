"use client";
// The notice a user sees across the portal after a token of theirs was reported leaked and revoked.
// A labelled region (not an alert: it is there when the page opens, not a change the reader must hear
// at once), one sentence per token, what to do next, and a Dismiss button.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { dismissLeakNoticesAction } from "@/lib/actions/leak-notices";
import type { LeakNotice } from "@/lib/tokens/leak-notices";

const KIND_WORDS: Record<string, { noun: string; page: string; pageName: string }> = {
  API_TOKEN: { noun: "token", page: "/settings/api-tokens", pageName: "API tokens" },
  SIEM_AGENT: { noun: "SIEM agent token", page: "/settings/siem-agents", pageName: "SIEM agents" },
  LOG_COLLECTOR: { noun: "log collector token", page: "/settings/log-collectors", pageName: "Log collectors" },
};

const WHEN = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

export function LeakedTokenNotice({ notices }: { notices: LeakNotice[] }) {
  const [hidden, setHidden] = useState(false);
  const { pending, run } = useAction();
  if (hidden || notices.length === 0) return null;
  const seenUntil = Math.max(...notices.map((notice) => new Date(notice.reportedAt).getTime()));
  const pages = [...new Set(notices.map((notice) => notice.kind))].map((kind) => KIND_WORDS[kind] ?? KIND_WORDS.API_TOKEN);

  // Setting the cookie re-renders the page in the action's answer; a refusal leaves the notice as it is.
  const dismiss = () => run(() => dismissLeakNoticesAction({ seenUntil }), { onSuccess: () => setHidden(true), onFailure: () => {} });

  return (
    <section aria-labelledby="leak-notice-title" className="mx-auto mt-4 max-w-7xl px-3 sm:px-6" data-testid="leak-notice">
      <div className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id="leak-notice-title" className="font-semibold">
              {notices.length === 1 ? "A token of yours was reported leaked" : `${notices.length} tokens of yours were reported leaked`}
            </h2>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {notices.map((notice) => (
                <li key={notice.tokenId}>
                  Your {(KIND_WORDS[notice.kind] ?? KIND_WORDS.API_TOKEN).noun} &ldquo;{notice.name}&rdquo; was reported leaked and revoked on{" "}
                  <time dateTime={notice.reportedAt}>{WHEN.format(new Date(notice.reportedAt))} UTC</time>.{" "}
                  {notice.kind === "API_TOKEN" ? (
                    <a className="font-medium underline" href={`/settings/api-tokens?replace=${notice.tokenId}`} aria-label={`Generate a replacement for ${notice.name}`}>
                      Generate a replacement
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
            <p className="mt-1">
              Its value was found where it should not be and no longer works. Generate a replacement on{" "}
              {pages.map((page, index) => (
                <span key={page.page}>
                  {index > 0 ? " or " : ""}
                  <a className="font-medium underline" href={page.page}>
                    {page.pageName}
                  </a>
                </span>
              ))}
              , update the scripts that used it, and find out how the value got out.
            </p>
          </div>
          <Button onClick={dismiss} disabled={pending} aria-label="Dismiss the leaked token notice">
            Dismiss
          </Button>
        </div>
      </div>
    </section>
  );
}
