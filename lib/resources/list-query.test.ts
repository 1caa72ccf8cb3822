import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { buildListQuery } from "@/lib/resources/list-query";
import { ALERT_SPEC } from "@/lib/resources/alerts";
import { ENTITY_SPEC } from "@/lib/resources/entities";
import { ACTIVITY_SPEC } from "@/lib/resources/activities";

const detailsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected an AppError");
};

describe("buildListQuery", () => {
  it("defaults: the first 100 rows, newest first, with a unique tie-breaker", () => {
    expect(buildListQuery({}, ALERT_SPEC)).toEqual({ where: {}, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: 0, take: 100 });
  });

  it("maps operators to database conditions", () => {
    const { where } = buildListQuery(
      { filters: { severity: { eq: 2, lt: 3 }, date: { range: { start: 1000, end: 2000 } }, read: { eq: [false] }, comment: { isnotset: true }, title: { contains: ["a", "b"] } } },
      ALERT_SPEC,
    );
    expect(where).toEqual({
      AND: [
        { severity: { in: [2] } },
        { severity: { lt: 3 } },
        { createdAt: { gte: new Date(1000), lte: new Date(2000) } },
        { OR: [{ isRead: false }] },
        { comment: null },
        { OR: [{ title: { contains: "a" } }, { title: { contains: "b" } }] },
      ],
    });
  });

  it("refuses unknown fields, operators and ill-typed values, naming each path", () => {
    const result = detailsOf(() =>
      buildListQuery({ filters: { colour: { eq: ["red"] }, severity: { like: 1, eq: ["high"] }, date: { contains: "x" } } }, ALERT_SPEC),
    );
    expect(result.code).toBe("invalid_request");
    expect(Object.keys(result.details ?? {}).sort()).toEqual(["filters.colour", "filters.date.contains", "filters.severity.eq", "filters.severity.like"]);
  });

  it("refuses unknown sort fields and values outside an enumeration", () => {
    expect(detailsOf(() => buildListQuery({ sortField: "colour" }, ALERT_SPEC)).details).toHaveProperty("sortField");
    expect(detailsOf(() => buildListQuery({ filters: { severity: { eq: [5] } } }, ALERT_SPEC)).details).toHaveProperty(["filters.severity.eq"]);
  });

  it("refuses names an object inherits as fields or sort fields", () => {
    expect(detailsOf(() => buildListQuery({ filters: { toString: { eq: ["x"] } } }, ALERT_SPEC)).details).toHaveProperty(["filters.toString"]);
    expect(detailsOf(() => buildListQuery({ sortField: "constructor" }, ALERT_SPEC)).details).toHaveProperty("sortField");
  });

  it("refuses whole numbers beyond the 32-bit columns, and fractions, as a 400 naming the path", () => {
    const range = "expected a whole number from -2147483648 to 2147483647";
    expect(detailsOf(() => buildListQuery({ filters: { severity: { gt: 1e20 } } }, ALERT_SPEC))).toEqual({ code: "invalid_request", details: { "filters.severity.gt": [range] } });
    expect(detailsOf(() => buildListQuery({ filters: { threatScore: { range: { start: 2 ** 31 } } } }, ENTITY_SPEC)).details).toEqual({ "filters.threatScore.range": [range] });
    expect(detailsOf(() => buildListQuery({ filters: { service: { eq: [-(2 ** 31) - 1] } } }, ACTIVITY_SPEC)).details).toEqual({ "filters.service.eq": [range] });
    expect(detailsOf(() => buildListQuery({ filters: { threatScore: { lt: 1.5 } } }, ENTITY_SPEC)).details).toEqual({ "filters.threatScore.lt": [range] });
    expect(buildListQuery({ filters: { threatScore: { gte: -(2 ** 31), lte: 2 ** 31 - 1 } } }, ENTITY_SPEC).where).toEqual({
      AND: [{ threatScore: { gte: -(2 ** 31) } }, { threatScore: { lte: 2 ** 31 - 1 } }],
    });
  });
});
