// Messages are signed as the Standard Webhooks specification has it: the reference library verifies
// them, a known answer matches, and any change to id, time or body breaks the signature.
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { signatureHeaders } from "@/lib/webhooks/sign-message";
import { newSigningSecret, openSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";

describe("webhook signatures", () => {
  it("matches the Standard Webhooks known answer (HMAC-SHA256 over id.timestamp.body)", () => {
    const headers = signatureHeaders("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(1614265330 * 1000), '{"test": 2432232314}');
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("is verified by a receiver holding the secret, and refused after any change", () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "token.revoked", timestamp: new Date().toISOString(), data: { token: { id: "t1" } } });
    const headers = signatureHeaders(secret, "msg_1", new Date(), body);
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, headers)).toMatchObject({ type: "token.revoked" });
    expect(() => receiver.verify(body.replace("t1", "t2"), headers)).toThrow();
    expect(() => receiver.verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
    // A replayed message: signed 10 minutes ago, outside the receiver's 5-minute tolerance.
    const old = signatureHeaders(secret, "msg_1", new Date(Date.now() - 10 * 60_000), body);
    expect(() => receiver.verify(body, old)).toThrow(/too old/);
  });

  it("keeps the secret encrypted with the app secret", () => {
    const secret = newSigningSecret();
    const sealed = sealSigningSecret(secret, "app-secret-1");
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSigningSecret(sealed, "app-secret-1")).toBe(secret);
    expect(() => openSigningSecret(sealed, "another-app-secret")).toThrow();
  });
});
