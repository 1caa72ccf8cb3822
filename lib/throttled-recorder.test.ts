// "At most once a minute per key": the first use is written at once, later ones coalesced into one
// write of the latest when the minute is over.
import { describe, expect, it } from "vitest";
import { THROTTLE_INTERVAL_MS, throttledRecorder, throttledWriteCount } from "@/lib/throttled-recorder";

describe("throttled recorder", () => {
  it("writes the first use at once, then the latest of a minute's uses when the minute is over", () => {
    const writes: [string, number][] = [];
    const recorder = throttledRecorder<{ at: number }>(`test-${Math.random()}`, async (key, use) => void writes.push([key, use.at]));
    const before = throttledWriteCount();
    const start = 1_000_000;
    for (let i = 0; i < 100; i++) recorder.record("a", { at: start + i });
    recorder.record("b", { at: start });
    expect(writes).toEqual([["a", start], ["b", start]]);

    recorder.flushDue(start + THROTTLE_INTERVAL_MS - 1);
    expect(writes).toHaveLength(2);
    recorder.flushDue(start + THROTTLE_INTERVAL_MS);
    expect(writes).toEqual([["a", start], ["b", start], ["a", start + 99]]);
    expect(throttledWriteCount() - before).toBe(3);
  });

  it("counts a time already stored as a write", () => {
    const writes: number[] = [];
    const recorder = throttledRecorder<{ at: number }>(`test-${Math.random()}`, async (_key, use) => void writes.push(use.at));
    recorder.record("a", { at: 5_000_000 }, 5_000_000 - 1_000);
    expect(writes).toEqual([]);
    recorder.record("b", { at: 5_000_000 }, 5_000_000 - THROTTLE_INTERVAL_MS);
    expect(writes).toEqual([5_000_000]);
  });
});
