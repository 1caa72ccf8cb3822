// The token table's page query, as Prisma sends it to SQLite: the unfiltered page must stay an ordered
// index walk that stops after one page (no sort of the whole tenant's tokens), and a status filter must
// be answered from an index. Proven with EXPLAIN QUERY PLAN on the migrated unit database.
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { sqliteFilePath } from "@/lib/db/database-url";
import type { UserActor } from "@/lib/actor";
import { tokenPageArgs } from "@/lib/tokens/list-api-tokens";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";

const file = sqliteFilePath();
const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }), log: [{ emit: "event", level: "query" }] });
const statements: string[] = [];
client.$on("query", (event) => statements.push(event.query));
const sqlite = new Database(file, { readonly: true });
afterAll(async () => {
  sqlite.close();
  await client.$disconnect();
});

async function planOf(actor: UserActor, status: string): Promise<string> {
  statements.length = 0;
  // The same arguments listApiTokens passes, run on a client that reports its SQL.
  await client.apiToken.findMany(tokenPageArgs(actor, tokenTableQuerySchema.parse({ status }), new Date()));
  const sql = statements.find((statement) => statement.startsWith("SELECT"));
  if (!sql) throw new Error("no SELECT was sent");
  const parameters = Array((sql.match(/\?/g) ?? []).length).fill(null);
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join(" ; ");
}

const admin: UserActor = { tenantId: "t", userId: "u", label: "admin@t.test", role: "GLOBAL_ADMIN" };
const reader: UserActor = { tenantId: "t", userId: "u", label: "reader@t.test", role: "SECURITY_READER" };

describe("the token table's default page query", () => {
  // The unfiltered page (what everybody opens first) is an ordered walk that stops after one page.
  it("walks the tenant's creation-time index without a sort for a full admin", async () => {
    const plan = await planOf(admin, "All");
    expect(plan).toContain("INDEX ApiToken_tenantId_kind_createdAt_id_revokedAt_lastUsedAt_idx");
    expect(plan).not.toContain("TEMP B-TREE");
  });
  it("walks the user's creation-time index without a sort for anybody else", async () => {
    const plan = await planOf(reader, "All");
    expect(plan).toContain("INDEX ApiToken_tenantId_userId_kind_createdAt_id_revokedAt_idx");
    expect(plan).not.toContain("TEMP B-TREE");
  });
  // A status filter is answered from an index of the tenant's tokens (which one, and whether the planner
  // then sorts the matching rows, is the database's choice from its statistics): never a scan of the table.
  for (const status of TOKEN_STATUSES) {
    for (const [who, actor] of [["a full admin", admin], ["anybody else", reader]] as const) {
      it(`searches an index, never scans the table, for ${who}, status ${status}`, async () => {
        const plan = await planOf(actor, status);
        expect(plan).toMatch(/SEARCH main\.ApiToken USING (COVERING )?INDEX ApiToken_tenantId_/);
        expect(plan).not.toMatch(/SCAN main\.ApiToken(?! USING)/);
      });
    }
  }
});
