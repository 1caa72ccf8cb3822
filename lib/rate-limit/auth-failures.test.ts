import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";

// The limiter is built on first use from the configuration: three failures a minute here.
vi.stubEnv("KEYPORT_AUTH_FAILURES_PER_MINUTE", "3");
const { limitAuthFailures } = await import("@/lib/rate-limit/auth-failures");

const unauthorized = () => Promise.reject(new AppError("unauthorized", "The token is not valid."));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : "other";
  }
}

describe("failed-authentication limit per client IP", () => {
  it("after the limit, refuses the IP with 429 before doing any authentication work", async () => {
    const ip = "198.51.100.1";
    for (let i = 0; i < 4; i++) expect(await codeOf(limitAuthFailures(ip, unauthorized))).toBe("unauthorized");
    const work = vi.fn(async () => "principal");
    const refused = await limitAuthFailures(ip, work).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect(Number((refused as AppError).headers["Retry-After"])).toBeGreaterThan(0);
    expect(work).not.toHaveBeenCalled();
  });

  it("counts only failed authentications, per IP", async () => {
    const ip = "198.51.100.2";
    for (let i = 0; i < 10; i++) expect(await limitAuthFailures(ip, async () => "principal")).toBe("principal");
    for (let i = 0; i < 10; i++) {
      expect(await codeOf(limitAuthFailures(ip, () => Promise.reject(new AppError("forbidden", "no scope"))))).toBe("forbidden");
    }
    for (let i = 0; i < 4; i++) await codeOf(limitAuthFailures("198.51.100.3", unauthorized));
    expect(await limitAuthFailures(ip, async () => "principal")).toBe("principal");
  });
});
