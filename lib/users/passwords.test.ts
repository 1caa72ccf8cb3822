// Password hashing: hashes written by the earlier pure-JavaScript bcrypt keep verifying, an unknown
// account costs a real comparison, and the work happens off the event loop, so a flood of sign-ins
// cannot stall the requests served meanwhile.
import { performance } from "node:perf_hooks";
import bcryptjs from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";

describe("password hashing", { timeout: 60_000 }, () => {
  it("verifies hashes made by bcryptjs ($2a$ and $2b$), and its own hashes verify there too", async () => {
    const legacy2b = await bcryptjs.hash("an-old-password", 11);
    const legacy2a = legacy2b.replace(/^\$2b\$/, "$2a$");
    expect(await verifyPassword("an-old-password", legacy2b)).toBe(true);
    expect(await verifyPassword("an-old-password", legacy2a)).toBe(true);
    expect(await verifyPassword("not-it", legacy2b)).toBe(false);
    const fresh = await hashPassword("a-new-password");
    expect(fresh).toMatch(/^\$2[aby]\$11\$/);
    expect(await bcryptjs.compare("a-new-password", fresh)).toBe(true);
  });

  it("with no hash (an unknown email) compares against a decoy: false, and about as slow as a real check", async () => {
    const real = await hashPassword("whatever-it-is");
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    await verifyPassword("warm-up", real);
    const decoy = await time(() => verifyPassword("guess", null));
    const wrong = await time(() => verifyPassword("guess", real));
    expect(await verifyPassword("keyport-decoy-password", null)).toBe(false);
    // The decoy is a real bcrypt hash of the same cost: well above a trivial answer.
    expect(decoy).toBeGreaterThan(wrong / 4);
  });

  it("a malformed stored hash matches nothing and does not throw", async () => {
    expect(await verifyPassword("x", "not-a-bcrypt-hash")).toBe(false);
  });

  it("runs off the event loop: while four checks run, the loop stays mostly idle", async () => {
    const hash = await hashPassword("busy-password");
    const before = performance.eventLoopUtilization();
    await Promise.all([1, 2, 3, 4].map(() => verifyPassword("guess", hash)));
    const used = performance.eventLoopUtilization(before);
    // bcryptjs computed on this thread, which kept the loop busy for the whole time (≈ 1).
    expect(used.utilization).toBeLessThan(0.5);
  });
});
