import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionTimeouts, drainGraceMs } from "@/lib/server/drain";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("connection settings", () => {
  it("keeps idle connections 75 s by default, longer than nginx's 60 s, with the header limit above it", () => {
    vi.stubEnv("KEYPORT_KEEP_ALIVE_TIMEOUT_MS", undefined);
    const timeouts = connectionTimeouts();
    expect(timeouts.keepAliveTimeout).toBe(75_000);
    expect(timeouts.headersTimeout).toBeGreaterThan(timeouts.keepAliveTimeout);
    expect(timeouts.requestTimeout).toBeGreaterThanOrEqual(timeouts.headersTimeout);
  });

  it("takes KEYPORT_KEEP_ALIVE_TIMEOUT_MS, and refuses a value that is not a positive number", () => {
    vi.stubEnv("KEYPORT_KEEP_ALIVE_TIMEOUT_MS", "400000");
    expect(connectionTimeouts()).toEqual({ keepAliveTimeout: 400_000, headersTimeout: 401_000, requestTimeout: 401_000 });
    vi.stubEnv("KEYPORT_KEEP_ALIVE_TIMEOUT_MS", "");
    expect(connectionTimeouts().keepAliveTimeout).toBe(75_000);
    for (const bad of ["0", "-5", "soon"]) {
      vi.stubEnv("KEYPORT_KEEP_ALIVE_TIMEOUT_MS", bad);
      expect(() => connectionTimeouts(), bad).toThrow(/KEYPORT_KEEP_ALIVE_TIMEOUT_MS is not valid/);
    }
  });

  it("are accepted by Node's server as they are", () => {
    vi.stubEnv("KEYPORT_KEEP_ALIVE_TIMEOUT_MS", "90000");
    const server = http.createServer();
    Object.assign(server, connectionTimeouts());
    expect(server.keepAliveTimeout).toBe(90_000);
    expect(server.headersTimeout).toBe(91_000);
  });

  it("drains for KEYPORT_DRAIN_GRACE_MS (default 5 s; 0 allowed)", () => {
    vi.stubEnv("KEYPORT_DRAIN_GRACE_MS", undefined);
    expect(drainGraceMs()).toBe(5_000);
    vi.stubEnv("KEYPORT_DRAIN_GRACE_MS", "0");
    expect(drainGraceMs()).toBe(0);
    vi.stubEnv("KEYPORT_DRAIN_GRACE_MS", "soon");
    expect(() => drainGraceMs()).toThrow(/KEYPORT_DRAIN_GRACE_MS/);
  });
});
