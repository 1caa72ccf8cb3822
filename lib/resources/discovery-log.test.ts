import { describe, expect, it } from "vitest";
import { countDomainsInSlices, extractDomains } from "@/lib/resources/discovery-log";
import { normalizeCidr } from "@/lib/resources/cidr";

describe("extractDomains", () => {
  it("finds URL hosts and bare host names, counting lines that name them", () => {
    const { lineCount, domains } = extractDomains("GET https://www.Dropbox.com/x 200\nCONNECT files.example.net:443\n\nhttps://dropbox.com/y\n10.0.0.1 nothing");
    expect(lineCount).toBe(4);
    expect(Object.fromEntries(domains)).toEqual({ "dropbox.com": 2, "files.example.net": 1 });
  });

  it("never lets shell metacharacters through", () => {
    const { domains } = extractDomains('http://evil.com";rm -rf /;".x GET $(reboot).example.com `id`.test.org');
    for (const domain of domains.keys()) expect(domain).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe("countDomainsInSlices", () => {
  it("counts exactly what extractDomains counts, whatever the slice, and lets the event loop turn in between", async () => {
    const text = Array.from({ length: 2_500 }, (_, index) => (index % 7 === 0 ? "" : `GET https://www.app-${index % 300}.example/ ${index % 5 ? "CONNECT files.example.net:443" : ""}`)).join("\r\n") + "\n";
    const whole = extractDomains(text);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const sliced = await countDomainsInSlices(text, 100);
    clearInterval(ticking);
    expect(sliced.lineCount).toBe(whole.lineCount);
    expect([...sliced.domains]).toEqual([...whole.domains]);
    expect(whole.domains.size).toBe(301);
    expect(turns).toBeGreaterThan(0);
    expect(await countDomainsInSlices("")).toEqual({ lineCount: 0, domains: new Map() });
  });
});

describe("normalizeCidr", () => {
  it("accepts IPv4 and IPv6 ranges and bare addresses", () => {
    expect(normalizeCidr("10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(normalizeCidr(" 192.168.1.1 ")).toBe("192.168.1.1/32");
    expect(normalizeCidr("2001:db8::/32")).toBe("2001:db8::/32");
  });
  it("refuses what is not a range", () => {
    for (const bad of ["300.1.1.1/8", "10.0.0.0/33", "10.0.0.0/8/1", "example.com", "::/129", "10.0.0.0/-1"]) expect(normalizeCidr(bad)).toBeNull();
  });
});
