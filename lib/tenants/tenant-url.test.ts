import { afterEach, describe, expect, it, vi } from "vitest";
import { tenantSlugFromHost, tenantUrl } from "@/lib/tenants/tenant-url";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("tenant URLs", () => {
  it("default to http://{tenant}.localhost:{port}", () => {
    vi.stubEnv("KEYPORT_TENANT_URL_TEMPLATE", undefined);
    vi.stubEnv("PORT", "3000");
    expect(tenantUrl("contoso")).toBe("http://contoso.localhost:3000");
  });
  it("follow KEYPORT_TENANT_URL_TEMPLATE", () => {
    vi.stubEnv("KEYPORT_TENANT_URL_TEMPLATE", "https://{tenant}.keyport.example.com/");
    expect(tenantUrl("fabrikam")).toBe("https://fabrikam.keyport.example.com");
    expect(tenantSlugFromHost("fabrikam.keyport.example.com")).toBe("fabrikam");
    expect(tenantSlugFromHost("keyport.example.com")).toBeNull();
  });
  it("name the tenant from a request's Host, and nothing on the generic URL", () => {
    vi.stubEnv("KEYPORT_TENANT_URL_TEMPLATE", undefined);
    expect(tenantSlugFromHost("contoso.localhost:3000")).toBe("contoso");
    expect(tenantSlugFromHost("localhost:3000")).toBeNull();
    expect(tenantSlugFromHost("127.0.0.1:3000")).toBeNull();
    expect(tenantSlugFromHost(null)).toBeNull();
  });
});
