import { afterEach, describe, expect, it } from "vitest";
import { tenantSlugFromHost, tenantUrl } from "@/lib/tenants/tenant-url";

const saved = { template: process.env.KEYPORT_TENANT_URL_TEMPLATE, port: process.env.PORT };
afterEach(() => {
  process.env.KEYPORT_TENANT_URL_TEMPLATE = saved.template;
  process.env.PORT = saved.port;
  if (saved.template === undefined) delete process.env.KEYPORT_TENANT_URL_TEMPLATE;
  if (saved.port === undefined) delete process.env.PORT;
});

describe("tenant URLs", () => {
  it("default to http://{tenant}.localhost:{port}", () => {
    delete process.env.KEYPORT_TENANT_URL_TEMPLATE;
    process.env.PORT = "3000";
    expect(tenantUrl("contoso")).toBe("http://contoso.localhost:3000");
  });
  it("follow KEYPORT_TENANT_URL_TEMPLATE", () => {
    process.env.KEYPORT_TENANT_URL_TEMPLATE = "https://{tenant}.keyport.example.com/";
    expect(tenantUrl("fabrikam")).toBe("https://fabrikam.keyport.example.com");
    expect(tenantSlugFromHost("fabrikam.keyport.example.com")).toBe("fabrikam");
    expect(tenantSlugFromHost("keyport.example.com")).toBeNull();
  });
  it("name the tenant from a request's Host, and nothing on the generic URL", () => {
    delete process.env.KEYPORT_TENANT_URL_TEMPLATE;
    expect(tenantSlugFromHost("contoso.localhost:3000")).toBe("contoso");
    expect(tenantSlugFromHost("localhost:3000")).toBeNull();
    expect(tenantSlugFromHost("127.0.0.1:3000")).toBeNull();
    expect(tenantSlugFromHost(null)).toBeNull();
  });
});
