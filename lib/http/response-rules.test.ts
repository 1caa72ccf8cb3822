import { afterEach, describe, expect, it, vi } from "vitest";
import { baseSecurityHeaders, errorJson, pagePolicy, pathKind } from "@/lib/http/response-rules";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("response rules", () => {
  it("sends HSTS, and upgrades insecure requests, only when the public URL is https", () => {
    vi.stubEnv("KEYPORT_PUBLIC_URL", "http://localhost:3000");
    expect(baseSecurityHeaders()["strict-transport-security"]).toBeUndefined();
    expect(pagePolicy("n")).not.toContain("upgrade-insecure-requests");
    vi.stubEnv("KEYPORT_PUBLIC_URL", "https://keyport.example.com");
    expect(baseSecurityHeaders()["strict-transport-security"]).toBe("max-age=31536000");
    expect(pagePolicy("n")).toContain("upgrade-insecure-requests");
  });

  it("lets only nonce-bearing scripts run on pages, and none without a nonce", () => {
    expect(pagePolicy("abc")).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(pagePolicy()).toContain("script-src 'self';");
    for (const policy of [pagePolicy("abc"), pagePolicy()]) {
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    }
  });

  it("tells API, OAuth, asset and page paths apart", () => {
    expect(pathKind("/api/v1/alerts/")).toBe("api");
    expect(pathKind("/api")).toBe("api");
    expect(pathKind("/contoso/oauth2/v2.0/token")).toBe("oauth");
    expect(pathKind("/contoso/v2.0/.well-known/openid-configuration")).toBe("oauth");
    expect(pathKind("/contoso/.well-known/openid-configuration")).toBe("oauth");
    expect(pathKind("/contoso/discovery/keys")).toBe("oauth");
    expect(pathKind("/contoso/adminconsent")).toBe("page");
    expect(pathKind("/_next/static/chunks/a.js")).toBe("asset");
    expect(pathKind("/settings/api-tokens")).toBe("page");
  });

  it("writes JSON errors in the style of the path", () => {
    expect(JSON.parse(errorJson("api", 404))).toEqual({ error: { code: "not_found", message: "There is nothing at this address." } });
    expect(JSON.parse(errorJson("oauth", 413, "too big"))).toEqual({ error: "invalid_request", error_description: "too big" });
  });
});
