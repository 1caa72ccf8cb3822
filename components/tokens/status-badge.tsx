import { TOKEN_STATUS_MEANINGS, type TokenStatus } from "@/lib/tokens/token-status";

const STYLES: Record<TokenStatus, string> = {
  Generated: "bg-slate-100 text-slate-700",
  Active: "bg-green-100 text-green-800",
  Inactive: "bg-amber-100 text-amber-900",
  Expired: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: TokenStatus }) {
  return (
    <span title={`${status}: ${TOKEN_STATUS_MEANINGS[status]}`} className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      {status}
    </span>
  );
}
