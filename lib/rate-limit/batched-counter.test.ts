import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { batchedCounter, type Counted } from "@/lib/rate-limit/batched-counter";

/** rate-limiter-flexible's in-memory store behind a round trip of `delayMs`, recording each count it is sent. */
function storeWithRoundTrip(limit: number, delayMs = 5) {
  const limiter = new RateLimiterMemory({ points: limit, duration: 60 });
  const sent: { key: string; points: number }[] = [];
  async function count(key: string, points: number): Promise<Counted> {
    sent.push({ key, points });
    await sleep(delayMs);
    try {
      const result = await limiter.consume(key, points);
      return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { consumedPoints: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext };
      throw rejection;
    }
  }
  return { count, sent };
}

describe("batchedCounter: concurrent counts of one key share a round trip", () => {
  it("sends a quiet key's first count at the end of the turn, with the others of that turn, and the ones that arrive meanwhile together", async () => {
    const store = storeWithRoundTrip(100);
    const consume = batchedCounter(100, store.count);
    const sameTurn = [consume("token:a"), consume("token:a"), consume("token:a")];
    expect(store.sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.sent).toEqual([{ key: "token:a", points: 3 }]);
    const meanwhile = Array.from({ length: 9 }, () => consume("token:a"));
    await Promise.all([...sameTurn, ...meanwhile]);
    expect(store.sent).toEqual([
      { key: "token:a", points: 3 },
      { key: "token:a", points: 9 },
    ]);
  });

  it("refuses exactly the requests past the limit, the last to arrive, with the wait", async () => {
    const store = storeWithRoundTrip(25);
    const consume = batchedCounter(25, store.count);
    const verdicts = await Promise.all(Array.from({ length: 30 }, () => consume("token:b")));
    expect(verdicts.slice(0, 25).every((verdict) => verdict.allowed)).toBe(true);
    expect(verdicts.slice(0, 25).map((verdict) => (verdict.allowed ? verdict.remaining : -1))).toEqual(Array.from({ length: 25 }, (_, index) => 24 - index));
    for (const verdict of verdicts.slice(25)) {
      expect(verdict.allowed).toBe(false);
      if (!verdict.allowed) expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    }
    expect(store.sent.length).toBeLessThanOrEqual(2);
  });

  it("never holds one key's requests behind another key's round trip", async () => {
    const store = storeWithRoundTrip(10);
    const consume = batchedCounter(10, store.count);
    void consume("token:slow");
    await new Promise((resolve) => setImmediate(resolve));
    void consume("token:calm");
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.sent.map((sent) => sent.key)).toEqual(["token:slow", "token:calm"]);
  });

  it("lets the requests through when no store could count them, and goes on counting afterwards", async () => {
    let failing = true;
    const store = storeWithRoundTrip(1);
    // null: the limiter's store and its insurance could not count (lib/rate-limit/limiters.ts).
    const consume = batchedCounter(1, (key, points) => (failing ? Promise.resolve(null) : store.count(key, points)));
    expect(await Promise.all([consume("token:c"), consume("token:c")])).toEqual([
      { allowed: true, remaining: 0 },
      { allowed: true, remaining: 0 },
    ]);
    failing = false;
    expect((await consume("token:c")).allowed).toBe(true);
    expect((await consume("token:c")).allowed).toBe(false);
  });

  it("gives every request the verdict it would have had counted alone, in arrival order, whatever the timing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.record({ points: fc.integer({ min: 1, max: 3 }), gapMs: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 25 }),
        async (limit, requests) => {
          const store = storeWithRoundTrip(limit, 2);
          const consume = batchedCounter(limit, store.count);
          const verdicts: Promise<{ allowed: boolean }>[] = [];
          for (const request of requests) {
            verdicts.push(consume("key", request.points));
            if (request.gapMs) await sleep(request.gapMs);
          }
          let consumed = 0;
          const alone = requests.map((request) => (consumed += request.points) <= limit);
          expect((await Promise.all(verdicts)).map((verdict) => verdict.allowed)).toEqual(alone);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("batchedCounter: a count that fails", () => {
  it("fails every request of its batch, and the key counts again afterwards", async () => {
    let broken = true;
    const consume = batchedCounter(10, async (_key, points) => {
      if (broken) throw new Error("database gone");
      return { consumedPoints: points, msBeforeNext: 1000 };
    });
    const outcomes = await Promise.allSettled([consume("k"), consume("k"), consume("k")]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    broken = false;
    await expect(consume("k")).resolves.toMatchObject({ allowed: true });
  });
});
