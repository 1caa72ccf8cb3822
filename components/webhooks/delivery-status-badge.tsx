import type { DeliveryStatus } from "@/lib/webhooks/manage-webhooks";

const LOOK: Record<DeliveryStatus | "retrying", { label: string; style: string; hint: string }> = {
  pending: { label: "Pending", style: "bg-slate-100 text-slate-700", hint: "Not sent yet" },
  retrying: { label: "Retrying", style: "bg-amber-100 text-amber-900", hint: "Failed so far; tried again with backoff for 24 hours" },
  delivered: { label: "Delivered", style: "bg-green-100 text-green-800", hint: "The endpoint answered 2xx" },
  failed: { label: "Failed", style: "bg-red-100 text-red-800", hint: "No 2xx answer within 24 hours: given up" },
};

export function DeliveryStatusBadge({ status, attempts = 0 }: { status: DeliveryStatus; attempts?: number }) {
  const look = LOOK[status === "pending" && attempts > 0 ? "retrying" : status];
  return (
    <span title={look.hint} className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${look.style}`}>
      {look.label}
    </span>
  );
}
