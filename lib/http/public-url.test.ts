import { afterEach, describe, expect, it, vi } from "vitest";
import { configuredOriginOfHost, isPublicUrlHttps, publicOrigin } from "@/lib/http/public-url";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("public URL", () => {
  it("defaults to http://localhost:PORT", () => {
    vi.stubEnv("KEYPORT_PUBLIC_URL", undefined);
    vi.stubEnv("PORT", "4321");
    expect(publicOrigin()).toBe("http://localhost:4321");
    expect(isPublicUrlHttps()).toBe(false);
  });

  it("takes KEYPORT_PUBLIC_URL as an origin, and refuses anything more or other", () => {
    vi.stubEnv("KEYPORT_PUBLIC_URL", "https://Keyport.Example.com/");
    expect(publicOrigin()).toBe("https://keyport.example.com");
    expect(isPublicUrlHttps()).toBe(true);
    for (const bad of ["keyport.example.com", "ftp://keyport.example.com", "https://keyport.example.com/portal", "https://u:p@keyport.example.com"]) {
      vi.stubEnv("KEYPORT_PUBLIC_URL", bad);
      expect(() => publicOrigin(), bad).toThrow(/KEYPORT_PUBLIC_URL/);
    }
  });

  it("names the configured origin of a Host header: the portal's or a tenant URL's, nothing else", () => {
    vi.stubEnv("KEYPORT_PUBLIC_URL", "https://keyport.example.com");
    vi.stubEnv("KEYPORT_TENANT_URL_TEMPLATE", "https://{tenant}.keyport.example.com");
    expect(configuredOriginOfHost("keyport.example.com")).toBe("https://keyport.example.com");
    expect(configuredOriginOfHost("KEYPORT.example.com:443")).toBe("https://keyport.example.com");
    expect(configuredOriginOfHost("contoso.keyport.example.com")).toBe("https://contoso.keyport.example.com");
    for (const host of ["evil.example", "keyport.example.com:8443", "keyport.example.com/x", "keyport.example.com@evil.example", "a.b.keyport.example.com", "", undefined]) {
      expect(configuredOriginOfHost(host), String(host)).toBeNull();
    }
  });
});
