// Records when and from where each token was last used, off the request's hot path: at most one
// database write per token per minute for the whole deployment (lib/throttled-recorder.ts, shared
// with applications' last use: coalesced in each process, and a conditional write across processes).
import { crossTenantDb } from "@/lib/db/client";
import { throttleCutoff, throttledRecorder, throttledWriteCount } from "@/lib/throttled-recorder";

type Use = { at: number; ip: string | null; userAgent: string | null };

const tokenUses = throttledRecorder<Use>("tokenLastUse", (tokenId, use, context) => {
  const at = new Date(use.at);
  // By id alone: the token was found by its digest, and that credential decided its tenant.
  // Written only when the stored use is a minute older (another instance may have written one since),
  // and never moving lastUsedAt backwards.
  return crossTenantDb.apiToken.updateMany({
    where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: throttleCutoff(at, context) } }] },
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
