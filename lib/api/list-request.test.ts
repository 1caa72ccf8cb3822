import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseListRequest, readListQuery } from "@/lib/api/list-request";
import { ALERT_SPEC } from "@/lib/resources/alerts";

const detailsOf = async (run: () => unknown) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected an AppError");
};

describe("parseListRequest", () => {
  it("limits limit to 100 and refuses unknown keys", async () => {
    expect((await detailsOf(() => parseListRequest({ limit: 101 }))).details).toHaveProperty("limit");
    const unknown = await detailsOf(() => parseListRequest({ surprise: true }));
    expect(unknown.code).toBe("invalid_request");
    expect(unknown.details).toHaveProperty("_");
    expect(unknown.details?._).toEqual(["Unknown keys: surprise"]);
  });

  it("fills in the first page when paging is omitted", () => {
    expect(parseListRequest({})).toEqual({ filters: {}, skip: 0, limit: 100 });
  });
});

describe("readListQuery", () => {
  it("reads GET query parameters, filters as JSON", async () => {
    const request = new Request(`http://localhost/api/v1/alerts/?skip=10&limit=5&sortField=severity&sortDirection=asc&filters=${encodeURIComponent('{"read":{"eq":[true]}}')}`);
    expect(await readListQuery(request, ALERT_SPEC)).toEqual({
      where: { AND: [{ OR: [{ isRead: true }] }] },
      orderBy: [{ severity: "asc" }, { id: "asc" }],
      skip: 10,
      take: 5,
    });
  });

  it("refuses a malformed query with the parameter named", async () => {
    const result = await detailsOf(() => readListQuery(new Request("http://localhost/api/v1/alerts/?limit=ten&filters=%7B"), ALERT_SPEC));
    expect(result.code).toBe("invalid_request");
    expect(Object.keys(result.details ?? {}).sort()).toEqual(["filters", "limit"]);
  });

  it("reads a POST body and checks its filters against the resource", async () => {
    const request = new Request("http://localhost/api/v1/alerts/", { method: "POST", body: JSON.stringify({ filters: { colour: { eq: ["red"] } }, limit: 1 }) });
    expect((await detailsOf(() => readListQuery(request, ALERT_SPEC))).details).toHaveProperty(["filters.colour"]);
  });
});
