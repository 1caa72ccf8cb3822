// The write-behind queue: items of a key fold into one batch, a delay of 0 writes at the end of the
// turn, a key that must wait for its previous write does, a batch that is not due waits, and the
// final flush writes everything.
import { describe, expect, it } from "vitest";
import { writeBehind } from "@/lib/write-behind";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("writeBehind", () => {
  it("folds a turn's items of one key into one batch, written at the end of the turn", async () => {
    const written: [string, number[]][] = [];
    const queue = writeBehind<number, number[]>({ delayMs: 0, merge: (batch, item) => [...(batch ?? []), item], write: async (key, batch) => void written.push([key, batch]) });
    queue.add("a", 1);
    queue.add("a", 2);
    queue.add("b", 3);
    expect(written).toEqual([]);
    await turn();
    expect(written).toEqual([["a", [1, 2]], ["b", [3]]]);
  });

  it("holds a key's next batch until its previous write is answered, when asked to", async () => {
    const written: number[][] = [];
    let release!: () => void;
    const queue = writeBehind<number, number[]>({
      delayMs: 0,
      oneWriteAtATimePerKey: true,
      merge: (batch, item) => [...(batch ?? []), item],
      write: (_key, batch) => {
        written.push(batch);
        return written.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
    });
    queue.add("a", 1, { now: true });
    queue.add("a", 2);
    queue.add("a", 3, { now: true });
    await turn();
    expect(written).toEqual([[1]]);
    release();
    await turn();
    await turn();
    expect(written).toEqual([[1], [2, 3]]);
  });

  it("keeps a batch that is not due, and writes it at the final flush", async () => {
    const written: [number[], boolean][] = [];
    const queue = writeBehind<number, number[]>({
      delayMs: 60_000,
      merge: (batch, item) => [...(batch ?? []), item],
      due: () => false,
      write: async (_key, batch, context) => void written.push([batch, context.final]),
    });
    queue.add("a", 1);
    await queue.flush();
    expect(written).toEqual([]);
    await queue.flush({ final: true });
    expect(written).toEqual([[[1], true]]);
  });
});
