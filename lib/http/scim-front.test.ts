// /scim/ is a machine path of its own at the HTTP front: not a page (no server action, no length
// required of a body), its body limit, and the front's own refusals in SCIM's error JSON.
import { describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyRuleFor } from "@/lib/http/body-limits";
import { errorJson, pathKind } from "@/lib/http/response-rules";
import { kindOfRequestPath, mayReachPage } from "@/lib/server/front-rules";

describe("SCIM paths at the HTTP front", () => {
  it("are their own kind, never a page, with SCIM's body limit and error JSON", () => {
    expect(pathKind("/scim/v2/Users")).toBe("scim");
    expect(pathKind("/scim")).toBe("scim");
    expect(pathKind("/scimitar")).toBe("page");
    expect(kindOfRequestPath("/scim/v2/Users?filter=x", "/scim/v2/Users")).toBe("scim");
    expect(mayReachPage("/scim/v2/Users", "scim")).toBe(false);
    expect(bodyRuleFor("/scim/v2/Groups/1")).toEqual({ limit: BODY_LIMITS.scim, style: "scim", lengthRequired: false });
    expect(JSON.parse(errorJson("scim", 413, "Too large."))).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "413", detail: "Too large." });
  });
});
