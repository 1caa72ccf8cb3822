import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors";

describe("AppError", () => {
  it("is recognised when thrown by another copy of the module (as Next's separate bundles load it)", () => {
    // What another copy's constructor makes: an Error carrying the globally registered brand.
    const foreign: unknown = Object.assign(new Error("from the other copy"), { [Symbol.for("keyport.AppError")]: true, code: "invalid_request" });
    expect(foreign instanceof AppError).toBe(true);
    expect(isAppError(foreign)).toBe(true);
  });

  it("is not fooled by ordinary errors or plain values", () => {
    expect(new Error("x") instanceof AppError).toBe(false);
    expect(isAppError({ code: "invalid_request" })).toBe(false);
    expect(isAppError(null)).toBe(false);
    expect(new AppError("not_found", "gone") instanceof AppError).toBe(true);
  });
});
