import { describe, expect, it } from "vitest";
import { crc32, digestToken, newTokenValue, parseTokenValue, tokenHint } from "@/lib/tokens/token-format";

describe("token values", () => {
  it("carry a recognisable prefix per kind", () => {
    expect(newTokenValue("API_TOKEN")).toMatch(/^kpat_[0-9A-Za-z]{49}$/);
    expect(newTokenValue("SIEM_AGENT")).toMatch(/^kpsa_/);
    expect(newTokenValue("LOG_COLLECTOR")).toMatch(/^kplc_/);
  });

  it("are parsed back to their kind when intact", () => {
    expect(parseTokenValue(newTokenValue("API_TOKEN"))).toBe("API_TOKEN");
    expect(parseTokenValue(newTokenValue("LOG_COLLECTOR"))).toBe("LOG_COLLECTOR");
  });

  it("are refused when a character is mistyped, without any lookup", () => {
    const value = newTokenValue("API_TOKEN");
    for (const index of [5, 20, 47, value.length - 1]) {
      const swapped = value[index] === "a" ? "b" : "a";
      expect(parseTokenValue(value.slice(0, index) + swapped + value.slice(index + 1))).toBeNull();
    }
  });

  it("are refused when truncated, extended or of another format", () => {
    const value = newTokenValue("API_TOKEN");
    expect(parseTokenValue(value.slice(0, -1))).toBeNull();
    expect(parseTokenValue(value + "x")).toBeNull();
    expect(parseTokenValue("kpxx_" + value.slice(5))).toBeNull();
    expect(parseTokenValue("")).toBeNull();
  });

  it("hold at least 256 random bits and do not repeat", () => {
    const values = new Set(Array.from({ length: 2000 }, () => newTokenValue("API_TOKEN")));
    expect(values.size).toBe(2000);
    // 43 base62 characters carry log2(62) * 43 ≈ 256.03 bits.
    expect(Math.log2(62) * 43).toBeGreaterThanOrEqual(256);
  });

  it("are stored as a SHA-256 digest, and shown only by a short hint", () => {
    const value = newTokenValue("API_TOKEN");
    expect(digestToken(value)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestToken(value)).not.toContain(value.slice(5, 20));
    expect(tokenHint(value)).toBe(`kpat_…${value.slice(-4)}`);
  });

  it("use the standard CRC-32", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });
});
