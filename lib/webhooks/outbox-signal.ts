// A nudge for this process's delivery worker: an event was just written to the outbox, so it need not
// wait for its next poll. Only a hint: a worker that misses it (another instance) finds the event on
// its next poll anyway.
import { processState, type Owned } from "@/lib/process-state";
import { writeBehind, writeBehindState, type WriteBehindState } from "@/lib/write-behind";

type Listener = () => void;

declare module "@/lib/process-state" {
  interface ProcessState {
    outboxListeners: Owned<"lib/webhooks/outbox-signal", Set<Listener>>;
    outboxNudge: Owned<"lib/webhooks/outbox-signal", WriteBehindState<true>>;
  }
}

const listeners = processState("outboxListeners", () => new Set<Listener>());

/** The writes of the next 50 ms share one nudge. */
export const NUDGE_DELAY_MS = 50;
const nudge = writeBehind<true, true>(
  {
    delayMs: NUDGE_DELAY_MS,
    merge: () => true,
    async write() {
      for (const listener of listeners) listener();
    },
  },
  processState("outboxNudge", () => writeBehindState<true>()),
);

export function onOutboxWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tells the workers of this process that the outbox has new rows. Called by the writer while its
 * transaction may still be open, so the nudge comes a moment later, when the rows are most likely visible.
 */
export function signalOutboxWrite(): void {
  if (listeners.size === 0) return;
  nudge.add("outbox", true);
}
