import { describe, expect, it } from "vitest";
import { takeRequest } from "@/lib/rate-limit/api-limit";

describe("takeRequest (SQLite: counted in this process)", () => {
  it("allows the limit within a minute, then says how long to wait", async () => {
    const key = `credential-${Math.random()}`;
    for (let index = 0; index < 60; index++) expect(await takeRequest(key, 60)).toBeNull();
    const wait = await takeRequest(key, 60);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it("counts each credential on its own", async () => {
    for (let index = 0; index < 5; index++) await takeRequest("a-busy-one", 5);
    expect(await takeRequest("a-busy-one", 5)).not.toBeNull();
    expect(await takeRequest("a-calm-one", 5)).toBeNull();
  });
});
