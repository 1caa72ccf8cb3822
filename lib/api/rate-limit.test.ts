import { describe, expect, it } from "vitest";
import { takeRequest } from "@/lib/api/rate-limit";

describe("takeRequest", () => {
  it("allows a burst of the limit, then refuses with the wait until the next request fits", () => {
    const key = `unit-${Math.random()}`;
    const start = 1_000_000;
    for (let index = 0; index < 60; index++) expect(takeRequest(key, start, 60)).toBeNull();
    expect(takeRequest(key, start, 60)).toBe(1);
    // 60 a minute is one a second: after a second one more fits.
    expect(takeRequest(key, start + 1000, 60)).toBeNull();
    expect(takeRequest(key, start + 1000, 60)).toBe(1);
  });

  it("keeps credentials apart", () => {
    const start = 2_000_000;
    for (let index = 0; index < 5; index++) takeRequest("a-busy-one", start, 5);
    expect(takeRequest("a-busy-one", start, 5)).not.toBeNull();
    expect(takeRequest("a-calm-one", start, 5)).toBeNull();
  });
});
