// Counting the queries a piece of code makes, for the tests that prove a path never reaches the
// database (a leak report of garbage, a malformed token). The extension sits on the one client every
// other client is built from, so model and raw queries, inside transactions or not, are all seen;
// the direct reads that bypass Prisma report themselves (observeDirectRead).
// Only the unit tests' clients carry it (lib/db/client.ts).
import { Prisma } from "./generated/client";
import { processState, type Owned } from "@/lib/process-state";

type Observer = (query: { model?: string; operation: string }) => void;

declare module "@/lib/process-state" {
  interface ProcessState {
    queryObservers: Owned<"lib/db/query-observer", Set<Observer>>;
  }
}

const observers = processState("queryObservers", () => new Set<Observer>());

export const queryObserver = Prisma.defineExtension({
  name: "keyport-query-observer",
  query: {
    $allOperations({ model, operation, args, query }) {
      for (const observe of observers) observe({ model, operation });
      return query(args);
    },
  },
});

/** Tells the observers about a read that bypasses Prisma (lib/db/direct-read.ts), so it is counted too. */
export function observeDirectRead(): void {
  for (const observe of observers) observe({ operation: "directRead" });
}

/** Runs `fn` and counts the queries made meanwhile (by anything in this process). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: { model?: string; operation: string }[] }> {
  const queries: { model?: string; operation: string }[] = [];
  const observe: Observer = (query) => queries.push(query);
  observers.add(observe);
  try {
    return { result: await fn(), queries };
  } finally {
    observers.delete(observe);
  }
}
