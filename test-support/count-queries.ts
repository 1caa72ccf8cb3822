// Counting the queries a piece of code makes, for the unit tests that prove a path never reaches the
// database (a leak report of garbage, a malformed token). A test file that counts wires it into its
// own copy of the database modules, before anything imports them:
//   vi.mock("@/lib/db/generated/client", async (original) => (await import("@/test-support/count-queries")).observedPrisma(original));
//   vi.mock("@/lib/db/direct-read", async (original) => (await import("@/test-support/count-queries")).observedDirectReads(original));
// so Prisma's model and raw queries, inside transactions or not, and the direct reads that bypass
// Prisma are all seen. The server's own client carries no such layer.
type Query = { model?: string; operation: string };
type Observer = (query: Query) => void;

const observers = new Set<Observer>();

function notify(query: Query): void {
  for (const observe of observers) observe(query);
}

type PrismaModule = typeof import("@/lib/db/generated/client");
type DirectReadModule = typeof import("@/lib/db/direct-read");

/** The generated Prisma module, with a client that reports every query it runs. */
export async function observedPrisma(original: () => Promise<unknown>): Promise<PrismaModule> {
  const prisma = (await original()) as PrismaModule;
  class ObservedPrismaClient extends prisma.PrismaClient {
    constructor(...args: ConstructorParameters<typeof prisma.PrismaClient>) {
      super(...args);
      // The extension sits on the client every other client is built from (lib/db/client.ts).
      return this.$extends({
        name: "count-queries",
        query: {
          $allOperations({ model, operation, args, query }) {
            notify({ model, operation });
            return query(args);
          },
        },
      }) as unknown as ObservedPrismaClient;
    }
  }
  return { ...prisma, PrismaClient: ObservedPrismaClient as unknown as PrismaModule["PrismaClient"] };
}

/** lib/db/direct-read, with each read reported as the operation "directRead". */
export async function observedDirectReads(original: () => Promise<unknown>): Promise<DirectReadModule> {
  const directRead = (await original()) as DirectReadModule;
  const readRows: DirectReadModule["readRows"] = (sql, args) => {
    notify({ operation: "directRead" });
    return directRead.readRows(sql, args);
  };
  return { ...directRead, readRows };
}

/** Runs `fn` and counts the queries made meanwhile (by anything in this process). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: Query[] }> {
  const queries: Query[] = [];
  const observe: Observer = (query) => queries.push(query);
  observers.add(observe);
  try {
    return { result: await fn(), queries };
  } finally {
    observers.delete(observe);
  }
}
