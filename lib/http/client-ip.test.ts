import { describe, expect, it } from "vitest";
import { normalizeIp, resolveClientIp, trustedProxies } from "@/lib/http/client-ip";

describe("client IP", () => {
  const none = trustedProxies("");
  const loopback = trustedProxies("127.0.0.1/8, ::1");

  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("203.0.113.9", "6.6.6.6", none)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "6.6.6.6", none)).toBe("127.0.0.1");
  });

  it("believes a trusted proxy, walking the header from the right and skipping trusted hops", () => {
    expect(resolveClientIp("127.0.0.1", "6.6.6.6, 198.51.100.7", loopback)).toBe("198.51.100.7");
    expect(resolveClientIp("127.0.0.1", "6.6.6.6, 198.51.100.7, 127.0.0.5", loopback)).toBe("198.51.100.7");
    expect(resolveClientIp("::1", "2001:db8::1", loopback)).toBe("2001:db8::1");
    expect(resolveClientIp("127.0.0.1", undefined, loopback)).toBe("127.0.0.1");
  });

  it("never lets an untrusted peer choose its address", () => {
    expect(resolveClientIp("198.51.100.7", "127.0.0.1", loopback)).toBe("198.51.100.7");
  });

  it("normalizes IPv4-mapped IPv6 addresses", () => {
    expect(normalizeIp("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeIp("2001:DB8::1")).toBe("2001:db8::1");
  });

  it("refuses a trusted-proxy list it cannot read", () => {
    expect(() => trustedProxies("10.0.0.0/8, not-an-ip")).toThrow(/not-an-ip/);
  });
});
