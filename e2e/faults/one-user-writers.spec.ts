// Many scripts of one user writing at once: 50 clients, each with its own token of the same admin, make a
// token and revoke it, three rounds each (300 writes on one user's tokens). Every write succeeds: no
// write waits behind another on a shared counter row until the database gives up, and a busy database is
// never reported as an unreachable one (503 means the database is away, not busy).
import { callApi, type ApiResponse } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { foldTokenTally } from "@/lib/tokens/token-tally";
import { tokenOf } from "../tokens-api/support";

const WRITERS = 50;
const ROUNDS = 3;

test("50 scripts of one user create and revoke tokens at once: every write succeeds", async ({ tenant }) => {
  test.setTimeout(180_000);
  const tokens: Awaited<ReturnType<typeof tokenOf>>[] = [];
  for (let index = 0; index < WRITERS; index++) tokens.push(await tokenOf(tenant, tenant.admin, `Writer ${index}`, { scopes: ["Settings.manage", "Settings.read"] }));
  const failures: string[] = [];
  const note = (what: string, response: ApiResponse) => failures.push(`${what}: ${response.status} ${response.text.slice(0, 200)}`);
  // A generous client timeout: the promise is "no error", not "fast"; a write that hangs past it is an error.
  const call = (path: string, token: string, body: unknown) =>
    callApi(path, { token, method: "POST", body, timeoutMs: 60_000 }).catch((error: Error): ApiResponse => ({ status: 0, headers: {}, text: error.message, json: undefined }));

  await Promise.all(
    tokens.map(async (writer, index) => {
      for (let round = 0; round < ROUNDS; round++) {
        const made = await call("/api/v1/tokens/", writer.value, { name: `Burst ${index}.${round}`, expiresInDays: 1 });
        if (made.status !== 201) {
          note(`create ${index}.${round}`, made);
          continue;
        }
        const revoked = await call(`/api/v1/tokens/${made.json.token.id}/revoke/`, writer.value, {});
        if (revoked.status !== 200) note(`revoke ${index}.${round}`, revoked);
      }
    }),
  );
  expect(failures, failures.slice(0, 5).join("\n")).toEqual([]);

  // Nothing lost: the admin's live tokens are exactly the writers, in the list's total, before and after
  // the pending tally changes are folded (as the scheduler does).
  const total = async () => (await callApi("/api/v1/tokens/?limit=1", { token: tokens[0].value })).json.total;
  expect(await total()).toBe(WRITERS);
  await foldTokenTally();
  expect(await total()).toBe(WRITERS);
});
