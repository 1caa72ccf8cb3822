import { describe, expect, it } from "vitest";
import { compileRanges, ipAllowed, MAX_ALLOWED_IP_RANGES, parseAllowedIps, parseRange, splitRangesText } from "@/lib/tokens/ip-allowlist";

const cidrOf = (entry: string) => {
  const parsed = parseRange(entry);
  return "cidr" in parsed ? parsed.cidr : parsed.error;
};
const allowed = (ip: string | null, ...ranges: string[]) => ipAllowed(ip, compileRanges(parseAllowedIps(ranges)));

describe("allowed IP ranges as typed", () => {
  it("are split on commas, spaces and new lines", () => {
    expect(splitRangesText(" 203.0.113.7,198.51.100.0/24\n2001:db8::/32 ;\n\n")).toEqual(["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]);
  });

  it("become canonical CIDRs: a single address is a /32 or /128, IPv6 written short", () => {
    expect(cidrOf("203.0.113.7")).toBe("203.0.113.7/32");
    expect(cidrOf("198.51.100.0/24")).toBe("198.51.100.0/24");
    expect(cidrOf("0.0.0.0/0")).toBe("0.0.0.0/0");
    expect(cidrOf("2001:0DB8:0000::0001")).toBe("2001:db8::1/128");
    expect(cidrOf("2001:db8::/32")).toBe("2001:db8::/32");
    expect(cidrOf("::1")).toBe("::1/128");
  });

  it("take an IPv4-mapped IPv6 address or range as the IPv4 it carries", () => {
    expect(cidrOf("::ffff:127.0.0.1")).toBe("127.0.0.1/32");
    expect(cidrOf("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
    expect(cidrOf("::ffff:c000:0200/120")).toBe("192.0.2.0/24");
    expect(cidrOf("::ffff:10.0.0.0/90")).toMatch(/at least \/96/);
  });

  it("refuse what is not an address or range, with a sentence naming the entry", () => {
    for (const bad of ["example.com", "10.0.0", "1", "0x7f.1", "010.1.1.1", "256.1.1.1", "10.0.0.1/", "10.0.0.1/33", "10.0.0.1/8/8", "2001:db8::/129", "fe80::1%eth0", "10.0.0.0/-1", "10.0.0.0/ 8"]) {
      const parsed = parseRange(bad);
      expect(parsed, bad).toHaveProperty("error");
      if ("error" in parsed) expect(parsed.error).toContain(bad.trim().slice(0, 10));
    }
    expect(cidrOf("10.0.0.1/33")).toMatch(/0 to 32/);
    expect(cidrOf("2001:db8::/129")).toMatch(/0 to 128/);
  });

  it("refuse a range with host bits set and suggest its network", () => {
    expect(cidrOf("10.1.2.3/8")).toBe('"10.1.2.3/8" has bits set beyond its /8 prefix: did you mean 10.0.0.0/8?');
    expect(cidrOf("2001:db8::1/32")).toMatch(/did you mean 2001:db8::\/32\?/);
  });

  it("drop duplicates, allow at most 50, and report every bad entry in details", () => {
    expect(parseAllowedIps(["10.0.0.1", "10.0.0.1/32", "::ffff:10.0.0.1"])).toEqual(["10.0.0.1/32"]);
    const fifty = Array.from({ length: MAX_ALLOWED_IP_RANGES }, (_, index) => `10.0.${index}.0/24`);
    expect(parseAllowedIps(fifty)).toHaveLength(50);
    expect(() => parseAllowedIps([...fifty, "10.1.0.0/24"])).toThrow(/at most 50 allowed IP ranges; there are 51/);
    try {
      parseAllowedIps(["10.0.0.1", "nope", "also nope"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid_request", details: { allowedIps: [expect.stringContaining('"nope"'), expect.stringContaining('"also nope"')] } });
    }
  });
});

describe("a client IP against the ranges", () => {
  it("is allowed anywhere when there are no ranges", () => {
    expect(ipAllowed("203.0.113.9", [])).toBe(true);
    expect(ipAllowed(null, [])).toBe(true);
  });

  it("matches IPv4 addresses and CIDRs, and nothing outside them", () => {
    expect(allowed("203.0.113.7", "203.0.113.7")).toBe(true);
    expect(allowed("203.0.113.8", "203.0.113.7")).toBe(false);
    expect(allowed("198.51.100.255", "198.51.100.0/24")).toBe(true);
    expect(allowed("198.51.101.0", "198.51.100.0/24")).toBe(false);
    expect(allowed("10.200.3.4", "192.0.2.1", "10.0.0.0/8")).toBe(true);
    expect(allowed("8.8.8.8", "0.0.0.0/0")).toBe(true);
  });

  it("matches IPv6 addresses and CIDRs, never across families", () => {
    expect(allowed("::1", "::1")).toBe(true);
    expect(allowed("2001:db8:ffff::1", "2001:db8::/32")).toBe(true);
    expect(allowed("2001:db9::1", "2001:db8::/32")).toBe(false);
    expect(allowed("10.0.0.1", "::/0")).toBe(false);
    expect(allowed("2001:db8::1", "0.0.0.0/0")).toBe(false);
  });

  it("takes an IPv4-mapped client address as the IPv4 it carries, whichever way the range was written", () => {
    expect(allowed("::ffff:127.0.0.1", "127.0.0.1")).toBe(true);
    expect(allowed("::ffff:127.0.0.1", "::ffff:127.0.0.0/104")).toBe(true);
    expect(allowed("127.0.0.1", "::ffff:127.0.0.1")).toBe(true);
    expect(allowed("::ffff:10.0.0.1", "127.0.0.0/8")).toBe(false);
  });

  it("refuses an unknown or unreadable client IP, and a damaged stored list never widens", () => {
    expect(allowed(null, "0.0.0.0/0")).toBe(false);
    expect(allowed("not an ip", "0.0.0.0/0")).toBe(false);
    expect(ipAllowed("203.0.113.7", compileRanges(["unreadable"]))).toBe(false);
  });
});
