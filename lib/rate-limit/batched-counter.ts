// Concurrent counts of one key share a round trip to the database (a write-behind queue per key: lib/write-behind.ts).
//
// A fixed-window count (the rate limits): while one count of a key is on its way, later
// counts of the same key wait; when it returns they go together as one count of their summed points.
// The store answers with the key's total after the sum, so each waiting request knows its own place in
// it and gets exactly the verdict it would have had counted alone, in arrival order: a key over the
// limit by k points refuses exactly the last k. A busy credential then costs one query per round trip
// rather than one per request; the first count of a quiet key waits only for the end of the current turn
// of the event loop.
import { writeBehind } from "@/lib/write-behind";

export type LimiterVerdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** The key's count after a store added points to it, or null when no store could count. */
export type Counted = { consumedPoints: number; msBeforeNext: number } | null;
// `count` may also throw: then every request of its batch fails with that error.

type Waiting = { points: number; answer: (verdict: LimiterVerdict) => void; fail: (error: unknown) => void };

/** The verdict for a request whose points brought the key's count to `consumedAfter`. */
function verdictAt(limit: number, consumedAfter: number, msBeforeNext: number): LimiterVerdict {
  return consumedAfter <= limit ? { allowed: true, remaining: limit - consumedAfter } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}

export function batchedCounter(limit: number, count: (key: string, points: number) => Promise<Counted>): (key: string, points?: number) => Promise<LimiterVerdict> {
  // Per key: the requests that go with its next count. A quiet key's first count leaves at the end of
  // this turn of the event loop, together with the counts of the key that other requests reach in the
  // same turn (a busy server's concurrent requests); while one count of a key is on its way, the next
  // ones wait for it.
  const counts = writeBehind<Waiting, Waiting[]>({
    delayMs: 0,
    merge: (batch, waiting) => (batch ? (batch.push(waiting), batch) : [waiting]),
    oneWriteAtATimePerKey: true,
    async write(key, batch) {
      const sum = batch.reduce((total, waiting) => total + waiting.points, 0);
      let counted: Counted;
      try {
        counted = await count(key, sum);
      } catch (error) {
        // A count that must not be skipped (a durable limit) failed: so does every request it counted.
        for (const waiting of batch) waiting.fail(error);
        return;
      }
      let consumed = counted ? counted.consumedPoints - sum : 0;
      for (const waiting of batch) {
        consumed += waiting.points;
        // Nobody could count: let the request through rather than fail it.
        waiting.answer(counted ? verdictAt(limit, consumed, counted.msBeforeNext) : { allowed: true, remaining: 0 });
      }
    },
  });

  return (key, points = 1) => new Promise<LimiterVerdict>((answer, fail) => counts.add(key, { points, answer, fail }));
}
