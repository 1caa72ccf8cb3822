import { describe, expect, it } from "vitest";
import { newSigningSecret, openSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";

describe("webhook signing secrets at rest", () => {
  it("open with the app secret that sealed them, also after it was replaced and listed as previous", () => {
    const secret = newSigningSecret();
    const sealed = sealSigningSecret(secret, "old app secret");
    expect(openSigningSecret(sealed, "old app secret")).toBe(secret);
    expect(openSigningSecret(sealed, ["new app secret", "old app secret"])).toBe(secret);
    expect(() => openSigningSecret(sealed, ["new app secret"])).toThrow();
  });
});
