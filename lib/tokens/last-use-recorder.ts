// Records when and from where each token was last used, off the request's hot path: at most one
// database write per token per minute. The first use in a minute is written at once (so a new token
// turns Active right away); later uses in that minute are coalesced and flushed when it is over.
import { db } from "@/lib/db/client";
import { processState, type Owned } from "@/lib/process-state";

export const LAST_USE_WRITE_INTERVAL_MS = 60_000;

type Use = { at: number; ip: string | null; userAgent: string | null };

type RecorderState = { lastWriteAt: Map<string, number>; pending: Map<string, Use>; flushTimer: NodeJS.Timeout | undefined; writes: number };

declare module "@/lib/process-state" {
  interface ProcessState {
    lastUseRecorder: Owned<"lib/tokens/last-use-recorder", RecorderState>;
  }
}

const state = processState("lastUseRecorder", (): RecorderState => ({ lastWriteAt: new Map(), pending: new Map(), flushTimer: undefined, writes: 0 }));
const { lastWriteAt, pending } = state;

export function recordTokenUse(token: { id: string; lastUsedAt: Date | null }, use: Use): void {
  const previous = Math.max(lastWriteAt.get(token.id) ?? 0, token.lastUsedAt?.getTime() ?? 0);
  if (use.at - previous >= LAST_USE_WRITE_INTERVAL_MS) {
    pending.delete(token.id);
    write(token.id, use);
  } else {
    pending.set(token.id, use);
    scheduleFlush();
  }
}

function write(tokenId: string, use: Use): void {
  lastWriteAt.set(tokenId, use.at);
  state.writes++;
  const at = new Date(use.at);
  // Never move lastUsedAt backwards (another instance may have written a later use).
  db.apiToken
    .updateMany({
      where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
      data: { lastUsedAt: at, lastUsedIp: use.ip, lastUsedAgent: use.userAgent?.slice(0, 300) ?? null },
    })
    .catch((error: unknown) => console.error("keyport: could not record a token's last use", error));
}

function scheduleFlush(): void {
  if (state.flushTimer) return;
  state.flushTimer = setTimeout(() => {
    state.flushTimer = undefined;
    flushDueUses(Date.now());
  }, LAST_USE_WRITE_INTERVAL_MS / 4);
  state.flushTimer.unref?.();
}

/** Writes the coalesced uses whose minute is over; the rest wait for the next flush. */
export function flushDueUses(now: number): void {
  for (const [tokenId, use] of pending) {
    if (now - (lastWriteAt.get(tokenId) ?? 0) >= LAST_USE_WRITE_INTERVAL_MS) {
      pending.delete(tokenId);
      write(tokenId, use);
    }
  }
  // Forget write times older than the interval: they no longer hold anything back.
  if (lastWriteAt.size > 50_000) {
    for (const [tokenId, at] of lastWriteAt) if (now - at >= LAST_USE_WRITE_INTERVAL_MS && !pending.has(tokenId)) lastWriteAt.delete(tokenId);
  }
  if (pending.size > 0) scheduleFlush();
}

/** For the benchmark report: how many last-use writes this process has sent. */
export function lastUseWriteCount(): number {
  return state.writes;
}
