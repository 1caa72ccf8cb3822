// Records when and from where each token was last used, off the request's hot path: at most one
// database write per token per minute (lib/throttled-recorder.ts, shared with applications' last use).
import { crossTenantDb } from "@/lib/db/client";
import { THROTTLE_INTERVAL_MS, throttledRecorder, throttledWriteCount } from "@/lib/throttled-recorder";

export const LAST_USE_WRITE_INTERVAL_MS = THROTTLE_INTERVAL_MS;

type Use = { at: number; ip: string | null; userAgent: string | null };

const tokenUses = throttledRecorder<Use>("tokenLastUse", (tokenId, use) => {
  const at = new Date(use.at);
  // By id alone: the token was found by its digest, and that credential decided its tenant.
  // Never move lastUsedAt backwards (another instance may have written a later use).
  return crossTenantDb.apiToken.updateMany({
    where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
    data: { lastUsedAt: at, lastUsedIp: use.ip, lastUsedAgent: use.userAgent?.slice(0, 300) ?? null },
  });
});

export function recordTokenUse(token: { id: string; lastUsedAt: Date | null }, use: Use): void {
  tokenUses.record(token.id, use, token.lastUsedAt?.getTime());
}

/** Writes the coalesced uses whose minute is over; the rest wait for the next flush. */
export function flushDueUses(now: number): void {
  tokenUses.flushDue(now);
}

/** For the benchmark report: how many last-use writes (tokens and applications) this process has sent. */
export function lastUseWriteCount(): number {
  return throttledWriteCount();
}
