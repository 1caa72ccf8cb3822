// What counts as "the database cannot be reached", and how each edge answers it.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { apiErrorResponse } from "@/lib/api/with-api-auth";
import { oauthErrorResponse } from "@/lib/oauth/oauth-errors";

describe("isDatabaseUnavailable", () => {
  it("recognises the shapes a missing, cut or locked database takes", () => {
    // Errors as Prisma 6.19 with the pg adapter and better-sqlite3 raise them (seen against a cut connection).
    expect(isDatabaseUnavailable(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("driver adapter error"), { cause: { kind: "SocketTimeout", originalCode: "SQLITE_BUSY" } }))).toBe(true);
    expect(isDatabaseUnavailable(new AppError("unavailable", "away"))).toBe(true);
    // A request still running while a shutdown closes the server's pool.
    expect(isDatabaseUnavailable(new Error("Cannot use a pool after calling end on the pool"))).toBe(true);
  });

  it("leaves every other failure alone", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new AppError("not_found", "no such thing"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("the edges' answer while the database is away", () => {
  const cut = new Error("Connection terminated due to connection timeout");

  it("API: 503 unavailable, JSON, with Retry-After, never cached", async () => {
    const response = apiErrorResponse(cut);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await response.json()).error.code).toBe("unavailable");
  });

  it("OAuth token endpoint: 503 temporarily_unavailable with Retry-After", async () => {
    const response = oauthErrorResponse(cut);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: "temporarily_unavailable" });
  });

  it("a bug stays a 500", () => {
    expect(apiErrorResponse(new Error("boom")).status).toBe(500);
  });
});
