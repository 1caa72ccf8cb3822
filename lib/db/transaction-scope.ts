// Knows, for the code running now, whether it is inside the callback of an open transaction().
//
// Inside a transaction every statement must go through the transaction's client (`tx`). A statement
// on `db` or `crossTenantDb` there would not be part of the transaction (on PostgreSQL it runs on
// another connection and is not rolled back with it); on SQLite, where the process has one connection
// and one queue (serialized-sqlite.ts), it waits behind the very transaction that waits for it, until
// Prisma's timeout. So both are refused at once, with an error that names the fix.
//
// transaction() runs its callback inside an AsyncLocalStorage scope, and the store follows the
// callback's awaits into Prisma (checked with Prisma 6.19's JS engine, serialized-sqlite.test.ts
// keeps it so). Two details decide where to look at it:
//   - a Prisma query is lazy: it starts, and takes the async context, where it is awaited;
//   - findUnique queries of the same shape issued in one tick are sent as one batch, in the context
//     of the first of them, so the adapter may see another request's context for a stray query.
// Hence the check on queries is a client extension (it runs where the query is awaited, before any
// batching), and the adapter checks only the start of a nested transaction, which no query
// extension sees. A query started from the callback without being awaited there (a fire-and-forget
// write) is refused too if it runs while the transaction is open.
import { AsyncLocalStorage } from "node:async_hooks";
import { Prisma } from "@/lib/db/generated/client";
import { processState, type Owned } from "@/lib/process-state";

export type TransactionScope = { open: boolean };

declare module "@/lib/process-state" {
  interface ProcessState {
    // One per process, not per bundle: the adapter that reads it is created once, by whichever bundle
    // opened the database first.
    transactionScope: Owned<"lib/db/transaction-scope", AsyncLocalStorage<TransactionScope>>;
  }
}

export const transactionScope = processState("transactionScope", () => new AsyncLocalStorage<TransactionScope>());

/** Whether the code running now is inside the callback of an open transaction(). */
export function insideOpenTransaction(): boolean {
  return transactionScope.getStore()?.open === true;
}

export class TransactionScopeError extends Error {
  constructor(what: string) {
    super(
      `${what} was called inside an open transaction: use the transaction client (the tx passed to the transaction's callback) instead. ` +
        "Outside the transaction it would not see or roll back with the transaction's writes, and on SQLite it would wait for the transaction that waits for it.",
    );
    this.name = "TransactionScopeError";
  }
}

/** The client extension that refuses every query (model or raw) made through its client inside an open transaction(). */
export const outsideTransactionsOnly = Prisma.defineExtension({
  name: "keyport-outside-transactions-only",
  query: {
    $allOperations({ model, operation, args, query }) {
      if (insideOpenTransaction()) throw new TransactionScopeError(model ? `db.${model}.${operation}` : `db.${operation}`);
      return query(args);
    },
  },
});
