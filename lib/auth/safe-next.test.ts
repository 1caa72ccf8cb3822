// safeNext against the tricks browsers fall for: every answer is a plain path of this site, whatever
// the input, and a browser resolving it (after its own clean-up of tabs, newlines and backslashes)
// stays on the same origin.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT, safeNext, sameOriginPath, signInUrlFor } from "@/lib/auth/safe-next";

const ORIGIN = "http://localhost:3000";

/** What a browser does with a Location header value: the WHATWG URL parser, relative to the page. */
function browserResolves(location: string): URL {
  return new URL(location, `${ORIGIN}/signin`);
}

/** A header value Node accepts: no control characters, nothing outside Latin-1 (else Node throws: a 500). */
function isValidHeaderValue(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

function expectSafe(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result).not.toMatch(/\\/);
  expect(isValidHeaderValue(result)).toBe(true);
  expect(browserResolves(result).origin).toBe(ORIGIN);
  // What safeNext lets through, it lets through again unchanged.
  expect(safeNext(result)).toBe(result);
}

describe("safeNext", () => {
  it("keeps a same-origin path with its query and fragment", () => {
    expect(safeNext("/settings/users")).toBe("/settings/users");
    expect(safeNext("/settings/api-tokens?status=active#top")).toBe("/settings/api-tokens?status=active#top");
    expect(safeNext("/settings/app-registrations/1b2c")).toBe("/settings/app-registrations/1b2c");
  });

  it("drops the _rsc parameter Next's router adds to its own requests", () => {
    expect(safeNext("/settings/users?_rsc=abc12")).toBe("/settings/users");
    expect(safeNext("/alerts?status=open&_rsc=x")).toBe("/alerts?status=open");
  });

  // Each of these leads off-origin in some browser, or cannot be sent as a Location header at all.
  const OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/ /evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0a/evil.example",
    "/%0aSet-Cookie:x=1",
    "/\nSet-Cookie: x=1",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "/%5c/evil.example",
    "/%5Cevil.example",
    "/%E3%80%82evil.example",
    "/\u3002evil.example",
    "/\uff0f/evil.example",
    "/%ZZ",
    "/%E0%A4%A",
    "https://evil.example",
    "http://localhost:3000@evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "evil.example",
    "settings/users",
    "",
    "/\u0000",
    "/\u007f",
    "/\u0085",
    "/\u2028evil",
    "/" + "a".repeat(3000),
  ];
  for (const vector of OFF_SITE) {
    it(`sends ${JSON.stringify(vector.slice(0, 40))} to the default page`, () => {
      expect(safeNext(vector)).toBe(DEFAULT_NEXT);
    });
  }

  it("never lands on the sign-in page or an API", () => {
    for (const vector of ["/signin", "/signin?next=/x", "/SIGNIN", "/api/auth/signout", "/api/v1/alerts/", "/%73ignin"]) {
      expect(safeNext(vector), vector).toBe(DEFAULT_NEXT);
    }
  });

  it("answers anything that is not a string with the fallback", () => {
    for (const value of [undefined, null, 1, ["/settings/users"], { toString: () => "/settings/users" }]) expect(safeNext(value)).toBe(DEFAULT_NEXT);
    expect(safeNext(undefined, "/alerts")).toBe("/alerts");
  });

  it("property: for any string at all, the answer is a plain path that a browser keeps on this origin", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (value) => {
        expectSafe(safeNext(value));
      }),
      { numRuns: 3000, seed: 1312 },
    );
  });

  // Strings made of the pieces open-redirect payloads are built from, in any order.
  const PIECES = ["/", "//", "\\", "\t", "\n", "\r", " ", "%09", "%0a", "%0d", "%2f", "%2F", "%5c", "%5C", "%00", "%E3%80%82", "\u3002", "\uff0f", ".", "..", "@", ":", "#", "?", "evil.example", "localhost:3000", "https:", "javascript:", "settings", "%25", "%"];
  it("property: payloads assembled from redirect tricks never leave the origin", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }), (parts) => {
        const value = parts.join("");
        const result = safeNext(value);
        expectSafe(result);
        // A browser that cleans the raw value up itself (drops tabs and newlines, backslash → slash)
        // and still lands elsewhere must have been refused.
        const cleaned = value.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
        let lands: string | null = null;
        try {
          lands = new URL(cleaned, `${ORIGIN}/signin`).origin;
        } catch {
          lands = null;
        }
        if (lands !== ORIGIN) expect(result).toBe(DEFAULT_NEXT);
      }),
      { numRuns: 3000, seed: 2024 },
    );
  });

  it("property: a plain path of this site is kept as it is", () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const path = `/settings/${segments.join("/")}`;
        expect(safeNext(path)).toBe(path);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("sameOriginPath and signInUrlFor", () => {
  it("sameOriginPath allows the sign-in page (for next-auth's own redirects) but nothing off-site", () => {
    expect(sameOriginPath("/signin")).toBe("/signin");
    expect(sameOriginPath("//evil.example/signin")).toBeNull();
    expect(sameOriginPath("/\t/evil.example")).toBeNull();
  });

  it("signInUrlFor brings the person back to the page they asked for, and only to a page of this site", () => {
    expect(signInUrlFor("/settings/users")).toBe("/signin?next=%2Fsettings%2Fusers");
    expect(signInUrlFor("/settings/users?_rsc=1", { ended: "1" })).toBe("/signin?ended=1&next=%2Fsettings%2Fusers");
    expect(signInUrlFor(DEFAULT_NEXT)).toBe("/signin");
    expect(signInUrlFor(null)).toBe("/signin");
    expect(signInUrlFor("//evil.example")).toBe("/signin");
    expect(signInUrlFor(null, { ended: "1" })).toBe("/signin?ended=1");
  });
});
