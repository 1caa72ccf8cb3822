// Whole numbers beyond the 32-bit columns, and fractions, in any filter or integer input are a 400
// invalid_request naming the field, never a 500 from the database.
import { generateToken } from "@/lib/tokens/generate-token";
import { expect, test } from "../support/fixtures";
import { send } from "./support/raw-http";

const RANGE = /whole number from -2147483648 to 2147483647/;

test("filters with integers beyond 32 bits are refused with 400 and details, on every list endpoint and close_benign", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "ranges" });
  const headers = { authorization: `Token ${token.value}`, "content-type": "application/json" };
  const bodies: [string, unknown, string][] = [
    ["/api/v1/alerts/", { filters: { severity: { gt: 1e20 } } }, "filters.severity.gt"],
    ["/api/v1/alerts/", { filters: { severity: { lte: 2 ** 31 } } }, "filters.severity.lte"],
    ["/api/v1/entities/", { filters: { threatScore: { range: { start: 0, end: 1e20 } } } }, "filters.threatScore.range"],
    ["/api/v1/entities/", { filters: { threatScore: { gt: 2.5 } } }, "filters.threatScore.gt"],
    ["/api/v1/activities/", { filters: { service: { eq: [1e20] } } }, "filters.service.eq"],
    ["/api/v1/activities/", { filters: { service: { neq: -1e20 } } }, "filters.service.neq"],
    ["/api/v1/alerts/close_benign/", { filters: { severity: { gt: 1e20 } }, comment: "x" }, "filters.severity.gt"],
    ["/api/v1/alerts/close_false_positive/", { filters: { resolutionStatus: { eq: [1e300] } } }, "filters.resolutionStatus.eq"],
  ];
  for (const [path, body, field] of bodies) {
    const response = await send({ method: "POST", path, headers, body: JSON.stringify(body) });
    expect(response.status, `${path} ${JSON.stringify(body)}: ${response.text}`).toBe(400);
    expect(response.json.error.code).toBe("invalid_request");
    expect(Object.keys(response.json.error.details)).toContain(field);
  }
  // The GET form of a list request: filters as JSON in the query string.
  for (const [filters, field] of [
    ['{"severity":{"lt":1e20}}', "filters.severity.lt"],
    ['{"severity":{"gte":99999999999999}}', "filters.severity.gte"],
  ]) {
    const response = await send({ path: `/api/v1/alerts/?filters=${encodeURIComponent(filters)}`, headers });
    expect(response.status, response.text).toBe(400);
    expect(response.json.error.details[field].join(" ")).toMatch(RANGE);
  }
  // The same fields within range still work.
  const fine = await send({ method: "POST", path: "/api/v1/entities/", headers, body: JSON.stringify({ filters: { threatScore: { gte: -(2 ** 31), lte: 2 ** 31 - 1 } } }) });
  expect(fine.status, fine.text).toBe(200);
});

test("integer inputs of bodies and query strings are range-checked too: 400, never 500", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "ints" });
  const headers = { authorization: `Token ${token.value}`, "content-type": "application/json" };
  const cases: [string, string, unknown][] = [
    ["POST", "/api/v1/subnet/create_rule/", { name: "Huge", category: 1e20, subnets: ["10.1.0.0/16"] }],
    ["POST", "/api/v1/subnet/create_rule/", { name: "Fraction", category: 1.5, subnets: ["10.1.0.0/16"] }],
    ["POST", "/api/v1/alerts/", { skip: 1e20 }],
    ["POST", "/api/v1/alerts/", { limit: 1e20 }],
    ["POST", "/api/v1/alerts/close_benign/", { filters: { id: { eq: ["x"] } }, reasonId: 1e20 }],
  ];
  for (const [method, path, body] of cases) {
    const response = await send({ method, path, headers, body: JSON.stringify(body) });
    expect(response.status, `${path} ${JSON.stringify(body)}: ${response.text}`).toBe(400);
    expect(response.json.error.code).toBe("invalid_request");
  }
  for (const query of ["skip=99999999999999999999", "limit=1e20", "skip=-1", "limit=2.5"]) {
    const response = await send({ path: `/api/v1/alerts/?${query}`, headers });
    expect(response.status, `${query}: ${response.text}`).toBe(400);
  }
});
