// Over the rate limit a credential gets 429 `rate_limited` with Retry-After; other
// credentials are not affected. (The e2e server allows 300 requests a minute per credential.)
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";

test("a credential over its limit gets 429 with Retry-After; another token of the same user still works", async ({ tenant }) => {
  const busy = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "busy script" });
  const calm = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "calm script" });
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<typeof callApi>> | undefined;
  for (let batch = 0; batch < 16 && !limited; batch++) {
    const responses = await Promise.all(Array.from({ length: 25 }, () => callApi("/api/v1/whoami/", { token: busy.value })));
    statuses.push(...responses.map((response) => response.status));
    limited = responses.find((response) => response.status === 429);
  }
  expect(limited, `statuses: ${[...new Set(statuses)].join(", ")}`).toBeDefined();
  expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(290);
  expect(limited!.json.error.code).toBe("rate_limited");
  expect(Number(limited!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await callApi("/api/v1/whoami/", { token: calm.value })).status).toBe(200);
});
