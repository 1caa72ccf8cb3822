// Work kept off the request's path and written a moment later, in batches: last uses of tokens and
// apps, refused calls in the audit log, concurrent rate-limit counts of one key, the outbox's nudge to
// its worker. Items are queued per key and folded into that key's batch; a timer (or the end of the
// current turn of the event loop, for a delay of 0) writes the batches that are due, and a shutdown
// step writes what is still queued before the process exits.
//
//   const denials = writeBehind({ delayMs: 10_000, merge: (batch, item) => …, write: (key, batch) => …, shutdownStep: "ipDenials" });
//   denials.add(tokenMinute, refusal);              // written within ten seconds
//   denials.add(tokenMinute, refusal, { now: true }); // written at once
//
// The queue is process state when the owner keeps `writeBehindState()` there (see process-state), so
// every bundle that evaluates the owner feeds the same queue.
import { onShutdown } from "@/lib/shutdown";

export type WriteContext = { final: boolean };

export type WriteBehindOptions<T, B> = {
  /** How long a quiet key's first item waits for others before its batch is written (0: the end of this turn of the event loop). */
  delayMs: number;
  /** Folds an item into its key's batch (there is none for the key's first item). */
  merge(batch: B | undefined, item: T): B;
  /** Whether a key's batch may be written at `now` (default: always); one that may not waits for a later round. */
  due?(key: string, batch: B, now: number): boolean;
  /** Writes one key's batch. `final`: the process is stopping. A failure is the writer's to report. */
  write(key: string, batch: B, context: WriteContext): Promise<unknown>;
  /** Whether a key's next batch waits until its previous write is answered (default: no). */
  oneWriteAtATimePerKey?: boolean;
  /** Names the shutdown step that writes whatever is queued (omit: nothing is written at shutdown). */
  shutdownStep?: string;
};

export type WriteBehind<T> = {
  /** Queues an item for `key`; `now`: write the key's batch at once (once its previous write is answered, if it must wait). */
  add(key: string, item: T, options?: { now?: boolean }): void;
  /** Writes the batches due at `now` (every one when `final`) and waits for every write in flight. */
  flush(options?: { final?: boolean; now?: number }): Promise<void>;
  /** Writes the batches due at `now` without waiting for them. */
  writeDue(now?: number): void;
};

export type WriteBehindState<B> = {
  batches: Map<string, B>;
  /** Writes sent and not yet answered, by key. */
  inFlight: Map<string, Set<Promise<void>>>;
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
};

export function writeBehindState<B>(): WriteBehindState<B> {
  return { batches: new Map(), inFlight: new Map(), timer: undefined };
}

export function writeBehind<T, B>(options: WriteBehindOptions<T, B>, state: WriteBehindState<B> = writeBehindState()): WriteBehind<T> {
  const isDue = (key: string, batch: B, now: number) => options.due?.(key, batch, now) ?? true;
  const waiting = (key: string) => options.oneWriteAtATimePerKey === true && (state.inFlight.get(key)?.size ?? 0) > 0;

  function send(key: string, context: WriteContext): void {
    const batch = state.batches.get(key);
    if (batch === undefined) return;
    state.batches.delete(key);
    const writes = state.inFlight.get(key) ?? new Set();
    state.inFlight.set(key, writes);
    const sent: Promise<void> = options
      .write(key, batch, context)
      .then(() => undefined, () => undefined)
      .finally(() => {
        writes.delete(sent);
        if (writes.size === 0) state.inFlight.delete(key);
        // What queued up behind this write goes with the next round.
        if (state.batches.has(key)) schedule();
      });
    writes.add(sent);
  }

  function writeDue(now = Date.now(), final = false): void {
    let held = false;
    for (const [key, batch] of [...state.batches]) {
      if (waiting(key)) continue;
      if (final || isDue(key, batch, now)) send(key, { final });
      else held = true;
    }
    if (held) schedule();
  }

  function schedule(): void {
    if (state.timer) return;
    const round = () => {
      state.timer = undefined;
      writeDue();
    };
    // An immediate stays referenced: an unreferenced one waits for the event loop's next I/O to run.
    if (options.delayMs === 0) state.timer = setImmediate(round);
    else state.timer = setTimeout(round, options.delayMs).unref();
  }

  async function flush({ final = false, now }: { final?: boolean; now?: number } = {}): Promise<void> {
    for (;;) {
      writeDue(now ?? Date.now(), final);
      const writes = [...state.inFlight.values()].flatMap((set) => [...set]);
      if (writes.length === 0) return;
      await Promise.all(writes);
    }
  }

  if (options.shutdownStep) onShutdown(options.shutdownStep, () => flush({ final: true }));

  return {
    add(key, item, { now = false } = {}) {
      state.batches.set(key, options.merge(state.batches.get(key), item));
      if (now && !waiting(key)) send(key, { final: false });
      else schedule();
    },
    flush,
    writeDue: (now) => writeDue(now),
  };
}
