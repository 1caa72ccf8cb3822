// Process state is one per process even when its module is evaluated again, as Next does once per
// bundle (route handlers, pages, server actions): a fresh module registry stands in for a second bundle.
import { describe, expect, it, vi } from "vitest";

describe("processState", () => {
  it("hands every evaluation of a module the same database client and transaction scope", async () => {
    const client = await import("@/lib/db/client");
    const scope = await import("@/lib/db/transaction-scope");
    vi.resetModules();
    const clientAgain = await import("@/lib/db/client");
    const scopeAgain = await import("@/lib/db/transaction-scope");
    expect(clientAgain).not.toBe(client);
    expect(clientAgain.db).toBe(client.db);
    expect(clientAgain.crossTenantDb).toBe(client.crossTenantDb);
    expect(scopeAgain.transactionScope).toBe(scope.transactionScope);
  });

  it("lets a transaction opened through one evaluation refuse a stray query made through another", async () => {
    const { transaction } = await import("@/lib/db/client");
    vi.resetModules();
    const { db } = await import("@/lib/db/client");
    const error = await transaction(async () => void (await db.tenant.count())).catch((caught: unknown) => caught);
    // Its class comes from the evaluation that created the client, so it is recognised by name.
    expect((error as Error).name).toBe("TransactionScopeError");
  });
});
