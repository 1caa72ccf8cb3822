"use client";
// One webhook's delivery log: whether it is paused (since when, why, and the way to resume it), its
// newest deliveries, each with its status, the last answer and its response time, and every attempt
// made. While a delivery is still pending the page refreshes itself.
import { useEffect, useTransition } from "react";
import { useRouter } from "next/navigation";
import { resumeWebhookAction, sendTestEventAction } from "@/lib/actions/webhooks";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableHead } from "@/components/ui/table-head";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import type { DeliveryRow, WebhookRow } from "@/lib/webhooks/manage-webhooks";

const REFRESH_WHILE_PENDING_MS = 2_000;

function answer(statusCode: number | null): string {
  return statusCode === null ? "No answer" : String(statusCode);
}

function duration(ms: number | null): string {
  return ms === null ? "—" : `${ms.toLocaleString("en")} ms`;
}

export function DeliveryLog({ webhook, deliveries, serverNow }: { webhook: WebhookRow; deliveries: DeliveryRow[]; serverNow: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending: acting, run } = useAction();
  // "Refresh" asks for the newest deliveries; actions need no refresh of their own (see useAction).
  const [reloading, startReload] = useTransition();
  const pending = acting || reloading;
  const waiting = deliveries.some((delivery) => delivery.status === "pending");
  // A paused webhook holds its deliveries: nothing changes until it is resumed.
  const refreshing = waiting && !webhook.paused;

  useEffect(() => {
    if (!refreshing) return;
    const timer = setInterval(() => router.refresh(), REFRESH_WHILE_PENDING_MS);
    return () => clearInterval(timer);
  }, [refreshing, router]);

  function resume() {
    run(() => resumeWebhookAction({ webhookId: webhook.id }), (outcome) => (outcome.resumed ? "Webhook resumed: the held deliveries are being sent." : "The webhook was not paused."));
  }

  function sendTest() {
    run(() => sendTestEventAction({ webhookId: webhook.id }), "Test event queued.");
  }

  return (
    <div className="mt-6">
      {webhook.paused ? (
        <section aria-label="Webhook paused" className="mb-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm">
          <h2 className="font-medium text-red-900">
            Paused <span className="font-normal">since</span> <RelativeTime value={webhook.paused.since} serverNow={serverNow} />
          </h2>
          <p className="mt-1 text-red-900">
            Keyport stopped sending to this URL after {webhook.failureStreak} failed attempts in a row. Last failure: <span data-testid="paused-reason">{webhook.paused.reason}</span>
          </p>
          <p className="mt-1 text-slate-700">New events are kept and sent once you resume it (those older than 24 hours are given up). Fix the endpoint first.</p>
          <Button className="mt-3" variant="primary" disabled={!hydrated || pending} onClick={resume}>
            Resume deliveries
          </Button>
        </section>
      ) : webhook.failureStreak > 0 ? (
        <p className="mb-4 text-sm text-amber-900" role="status">
          The last {webhook.failureStreak === 1 ? "attempt" : `${webhook.failureStreak} attempts`} failed: Keyport waits longer before each new try, and pauses the webhook if the failures go on.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" disabled={!hydrated || pending} onClick={sendTest}>
          Send test event
        </Button>
        <Button disabled={!hydrated || pending} onClick={() => startReload(() => router.refresh())}>
          Refresh
        </Button>
        <p className="text-sm text-slate-600" aria-live="polite">
          {pending ? "Loading…" : refreshing ? "Deliveries are pending: this page refreshes itself." : ""}
        </p>
      </div>

      {deliveries.length === 0 ? (
        <div className="mt-4 rounded-lg border border-slate-200 bg-white px-6 py-12 text-center">
          <p className="font-medium">No deliveries yet.</p>
          <p className="mt-1 text-sm text-slate-600">Send a test event, or wait for one of the chosen events to happen.</p>
        </div>
      ) : (
        <ol className="mt-4 space-y-4" aria-label="Deliveries">
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">
                  <span className="font-mono">{delivery.eventType}</span> <span className="text-sm font-normal text-slate-600">· <RelativeTime value={delivery.createdAt} serverNow={serverNow} /></span>
                </h2>
                <DeliveryStatusBadge status={delivery.status} attempts={delivery.attemptCount} />
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                <div>
                  <dt className="text-slate-600">Last answer</dt>
                  <dd data-testid="last-status">{delivery.attemptCount ? answer(delivery.lastStatusCode) : "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">Response time</dt>
                  <dd>{duration(delivery.lastDurationMs)}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">Attempts</dt>
                  <dd>{delivery.attemptCount}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{delivery.nextAttemptAt ? "Next attempt" : "Message id"}</dt>
                  <dd className="font-mono text-xs [overflow-wrap:anywhere]">
                    {delivery.nextAttemptAt ? <RelativeTime value={delivery.nextAttemptAt} serverNow={serverNow} /> : delivery.id}
                  </dd>
                </div>
              </dl>
              {delivery.attempts.length ? (
                <ScrollRegion label={`Attempts of ${delivery.id}, scrollable`} className="mt-3">
                  <table className="w-full text-left text-sm" aria-label={`Attempts of ${delivery.eventType} ${delivery.id}`}>
                    <TableHead columns={["#", "Time", "Answer", "Response time", "Details"]} compact />
                    <tbody>
                      {delivery.attempts.map((attempt) => (
                        <tr key={attempt.number} className="border-t border-slate-100 align-top">
                          <td className="py-1 pr-3">{attempt.number}</td>
                          <td className="py-1 pr-3 whitespace-nowrap">
                            <RelativeTime value={attempt.startedAt} serverNow={serverNow} />
                          </td>
                          <td className="py-1 pr-3">{answer(attempt.statusCode)}</td>
                          <td className="py-1 pr-3 whitespace-nowrap">{duration(attempt.durationMs)}</td>
                          <td className="py-1 text-xs text-slate-600">
                            {attempt.error ? <div>{attempt.error}</div> : null}
                            {attempt.responseExcerpt ? <code className="block max-w-md font-mono break-words whitespace-pre-wrap">{attempt.responseExcerpt}</code> : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
