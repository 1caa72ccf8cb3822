// The per-credential limit (300 a minute in this run) counts the requests of every instance together.
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";

test("one token's requests spread over both instances meet one shared limit", async ({ tenant }) => {
  const busy = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "spread script" });
  const statuses: number[] = [];
  // 312 requests, 24 at a time, half on each instance: each instance alone sees only 156. The last batch
  // crosses the limit with its requests in flight together, and exactly the 12 beyond it are refused.
  for (let batch = 0; batch < 13; batch++) {
    const responses = await Promise.all(Array.from({ length: 24 }, (_, index) => callApi("/api/v1/whoami/", { token: busy.value, instance: index % 2 })));
    statuses.push(...responses.map((response) => response.status));
  }
  expect(statuses.filter((status) => status === 200)).toHaveLength(300);
  expect(statuses.filter((status) => status === 429)).toHaveLength(12);

  for (const instance of [0, 1]) {
    const limited = await callApi("/api/v1/whoami/", { token: busy.value, instance });
    expect(limited.status, `instance ${instance} counts the other's requests too`).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  }
});
