// The delivery log speaks words: every failure before an HTTP answer is told in a sentence, never as a
// system error code, and only what cannot map the operator's network (see deliver-message.ts).
import { describe, expect, it } from "vitest";
import { describeFailure, NO_PUBLIC_ADDRESS, readableDeliveryError, UNREACHABLE_DESTINATION } from "@/lib/webhooks/deliver-message";

const failure = (code: string) => Object.assign(new Error(`connect ${code} 203.0.113.7:443`), { code });

describe("the delivery log's words for a failed attempt", () => {
  it("names what went wrong while webhooks reach public addresses only", () => {
    expect(describeFailure(failure("ENOTFOUND"), 10_000, false)).toBe(NO_PUBLIC_ADDRESS);
    expect(describeFailure(failure("EWEBHOOKBLOCKED"), 10_000, false)).toBe(NO_PUBLIC_ADDRESS);
    expect(describeFailure(failure("ECONNREFUSED"), 10_000, false)).toMatch(/refused the connection/);
    expect(describeFailure(failure("ECONNRESET"), 10_000, false)).toMatch(/closed the connection/);
    expect(describeFailure(failure("CERT_HAS_EXPIRED"), 10_000, false)).toMatch(/certificate has expired/);
    expect(describeFailure(failure("DEPTH_ZERO_SELF_SIGNED_CERT"), 10_000, false)).toMatch(/not signed by a trusted authority/);
    expect(describeFailure(failure("ERR_TLS_CERT_ALTNAME_INVALID"), 10_000, false)).toMatch(/for another host name/);
    expect(describeFailure(Object.assign(new Error("x"), { name: "ConnectTimeoutError" }), 10_000, false)).toBe("Timed out: no connection to the endpoint within 10 s.");
    expect(describeFailure(Object.assign(new Error("x"), { name: "TimeoutError" }), 10_000, false)).toBe("No answer within 10 s.");
  });

  it("tells nothing of internal ports when the operator allows private networks", () => {
    for (const code of ["ENOTFOUND", "ECONNREFUSED", "CERT_HAS_EXPIRED", "EHOSTUNREACH"]) expect(describeFailure(failure(code), 10_000, true), code).toBe(UNREACHABLE_DESTINATION);
  });

  it("never shows a system error code, even one stored before the log spoke words", () => {
    for (const code of ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ETIMEDOUT", "CERT_HAS_EXPIRED", "ERR_SSL_WRONG_VERSION_NUMBER", "SOMETHING_ELSE"]) {
      expect(describeFailure(failure(code), 10_000, false), code).not.toMatch(/[A-Z]{2,}_|\bE[A-Z]{4,}\b/);
    }
    expect(readableDeliveryError("getaddrinfo ENOTFOUND hooks.example.invalid")).not.toMatch(/ENOTFOUND/);
    expect(readableDeliveryError("The endpoint answered 500.")).toBe("The endpoint answered 500.");
    expect(readableDeliveryError(null)).toBeNull();
  });
});
