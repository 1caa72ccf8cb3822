// "Write at most once a minute per key", off the request's hot path: how Keyport records the last use
// of API tokens and of applications. The first use in a minute is written at once (so a new credential
// shows as used right away); later uses in that minute are coalesced, and the latest of them is written
// when the minute is over. One process-wide state per recorder (see process-state).
//
// That throttle is per process; with several instances the write itself makes it hold for the whole
// deployment: it is conditional (see WriteContext), so a use that comes within a minute of the stored
// one, from whichever instance, changes nothing (the stored last use is then at most a minute older
// than the real one, which is the precision "once a minute" allows).
import { processState, type Owned } from "@/lib/process-state";
import { onShutdown } from "@/lib/shutdown";
import { writeBehind, writeBehindState, type WriteBehindState, type WriteContext } from "@/lib/write-behind";

export const THROTTLE_INTERVAL_MS = 60_000;

/**
 * How a write must be conditioned. Normally (`final` false) it stores the use only when the stored
 * time is empty or at least a minute older than the use: `lastUsedAt IS NULL OR lastUsedAt <= at − 1 min`
 * (throttleCutoff), so the deployment writes a key at most once a minute. When the process stops
 * (`final`), the pending uses are written whenever they are newer than the stored one, so a rolling
 * restart loses no last use: at most one extra write per key and stopping instance.
 */
export type { WriteContext };

/** The stored time at or before which a use at `at` may be written (see WriteContext). */
export function throttleCutoff(at: Date, context: WriteContext): Date {
  return context.final ? new Date(at.getTime() - 1) : new Date(at.getTime() - THROTTLE_INTERVAL_MS);
}

export type ThrottledRecorder<U extends { at: number }> = {
  /** Records a use; `storedAt` is the time already in the database for this key, when the caller knows it. */
  record(key: string, use: U, storedAt?: number): void;
  /** Writes the coalesced uses whose minute is over; the rest wait for the next flush. */
  flushDue(now: number): void;
};

type RecorderState = {
  lastWriteAt: Map<string, number>;
  /** The latest use of each key not yet written. */
  queue: WriteBehindState<{ at: number }>;
  /** Writes every pending use now, whatever its minute: run when the process stops. */
  flushAll?: () => Promise<void>;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    throttledRecorders: Owned<"lib/throttled-recorder", { writes: number; recorders: Map<string, RecorderState> }>;
  }
}

const totals = processState("throttledRecorders", () => ({ writes: 0, recorders: new Map<string, RecorderState>() }));

/**
 * A recorder named `name` whose `write` stores one use of a key. A failed write is logged and not
 * retried: the next use a minute later writes again.
 */
export function throttledRecorder<U extends { at: number }>(name: string, write: (key: string, use: U, context: WriteContext) => Promise<unknown>): ThrottledRecorder<U> {
  // One state per recorder name, shared by every bundle that evaluates this module.
  if (!totals.recorders.has(name)) totals.recorders.set(name, { lastWriteAt: new Map(), queue: writeBehindState() });
  const state = totals.recorders.get(name)!;
  const lastWriteAt = state.lastWriteAt;

  const uses = writeBehind<U, U>(
    {
      delayMs: THROTTLE_INTERVAL_MS / 4,
      // The latest use of a minute is the one written.
      merge: (_pending, use) => use,
      due: (key, _use, now) => now - (lastWriteAt.get(key) ?? 0) >= THROTTLE_INTERVAL_MS,
      write(key, use, context) {
        lastWriteAt.set(key, use.at);
        totals.writes++;
        forgetOldWrites(use.at);
        return write(key, use, context).catch((error: unknown) => console.error(`keyport: could not record a last use (${name})`, error));
      },
    },
    state.queue as unknown as WriteBehindState<U>,
  );
  state.flushAll = () => uses.flush({ final: true });

  // Write times older than the interval no longer hold anything back.
  function forgetOldWrites(now: number): void {
    if (lastWriteAt.size <= 50_000) return;
    for (const [key, at] of lastWriteAt) if (now - at >= THROTTLE_INTERVAL_MS && !state.queue.batches.has(key)) lastWriteAt.delete(key);
  }

  return {
    record(key, use, storedAt = 0) {
      const previous = Math.max(lastWriteAt.get(key) ?? 0, storedAt);
      uses.add(key, use, { now: use.at - previous >= THROTTLE_INTERVAL_MS });
    },
    flushDue: (now) => uses.writeDue(now),
  };
}

/** Writes every recorder's pending uses and waits for them: a stopping instance loses no last use. */
export async function flushAllRecorders(): Promise<void> {
  await Promise.all([...totals.recorders.values()].map((state) => state.flushAll?.()));
}

onShutdown("lastUse", flushAllRecorders);

/** How many writes the recorders of this process have sent (the benchmark reports it). */
export function throttledWriteCount(): number {
  return totals.writes;
}
