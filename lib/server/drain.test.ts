import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { connectionTimeouts, drainGraceMs } from "@/lib/server/drain";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("connection settings", () => {
  it("keeps idle connections 75 s by default, longer than nginx's 60 s, with the header limit above it", () => {
    delete process.env.KEYPORT_KEEP_ALIVE_TIMEOUT_MS;
    const timeouts = connectionTimeouts();
    expect(timeouts.keepAliveTimeout).toBe(75_000);
    expect(timeouts.headersTimeout).toBeGreaterThan(timeouts.keepAliveTimeout);
    expect(timeouts.requestTimeout).toBeGreaterThanOrEqual(timeouts.headersTimeout);
  });

  it("takes KEYPORT_KEEP_ALIVE_TIMEOUT_MS, and ignores a value that is not a positive number", () => {
    process.env.KEYPORT_KEEP_ALIVE_TIMEOUT_MS = "400000";
    expect(connectionTimeouts()).toEqual({ keepAliveTimeout: 400_000, headersTimeout: 401_000, requestTimeout: 401_000 });
    for (const bad of ["", "0", "-5", "soon"]) {
      process.env.KEYPORT_KEEP_ALIVE_TIMEOUT_MS = bad;
      expect(connectionTimeouts().keepAliveTimeout, bad).toBe(75_000);
    }
  });

  it("are accepted by Node's server as they are", () => {
    process.env.KEYPORT_KEEP_ALIVE_TIMEOUT_MS = "90000";
    const server = http.createServer();
    Object.assign(server, connectionTimeouts());
    expect(server.keepAliveTimeout).toBe(90_000);
    expect(server.headersTimeout).toBe(91_000);
  });

  it("drains for KEYPORT_DRAIN_GRACE_MS (default 5 s; 0 allowed)", () => {
    delete process.env.KEYPORT_DRAIN_GRACE_MS;
    expect(drainGraceMs()).toBe(5_000);
    process.env.KEYPORT_DRAIN_GRACE_MS = "0";
    expect(drainGraceMs()).toBe(0);
    process.env.KEYPORT_DRAIN_GRACE_MS = "soon";
    expect(drainGraceMs()).toBe(5_000);
  });
});
