// Reads the list request every list endpoint accepts, in either form:
//   GET  ?skip=&limit=&sortField=&sortDirection=[&filters=<json>]
//   POST {"filters": {"field": {"op": value}}, "skip", "limit", "sortField", "sortDirection"}
// and checks its shape (limit at most 100, no unknown keys). What the filters and the sort field mean
// for a resource is checked where the query is built (lib/resources/list-query.ts). Anything wrong is
// an invalid_request (400) whose `details` name each offending key.
import { z } from "zod";
import { AppError, type ErrorDetails } from "@/lib/errors";
import { readJsonBody } from "@/lib/api/request-body";
import { zodDetails } from "@/lib/validation/zod-details";
import { buildListQuery, MAX_LIMIT, type ListQuery, type ListRequest, type ResourceSpec } from "@/lib/resources/list-query";

/** The shape of a list request; the OpenAPI document narrows it per resource (lib/api/openapi/list-schemas.ts). */
export const listRequestSchema = z.strictObject(
  {
    filters: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    skip: z.number().int().min(0).max(1_000_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_LIMIT, `limit is at most ${MAX_LIMIT}`).default(MAX_LIMIT),
    sortField: z.string().optional(),
    sortDirection: z.enum(["asc", "desc"]).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown keys: ${issue.keys.join(", ")}` : undefined) },
) satisfies z.ZodType<ListRequest>;

/** Checks a list request already read from a query string or a JSON body. */
export function parseListRequest(candidate: unknown): ListRequest {
  const parsed = listRequestSchema.safeParse(candidate);
  if (!parsed.success) throw invalid(zodDetails(parsed.error));
  return parsed.data;
}

/** Reads a list request, GET or POST, and turns it into the resource's database query. */
export async function readListQuery(request: Request, spec: ResourceSpec): Promise<ListQuery> {
  const raw = request.method === "GET" ? listRequestOfQuery(new URL(request.url).searchParams) : await readJsonBody(request);
  return buildListQuery(parseListRequest(raw ?? {}), spec);
}

/** A GET list request's parameters as the list request they stand for (shape checked by parseListRequest). */
export function listRequestOfQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const details: ErrorDetails = {};
  for (const key of ["skip", "limit"] as const) {
    const value = params.get(key);
    if (value === null) continue;
    if (!/^\d{1,10}$/.test(value)) details[key] = [`${key} must be a whole number`];
    else out[key] = Number(value);
  }
  const sortField = params.get("sortField");
  if (sortField !== null) out.sortField = sortField;
  const sortDirection = params.get("sortDirection");
  if (sortDirection !== null) out.sortDirection = sortDirection;
  const filters = params.get("filters");
  if (filters !== null) {
    try {
      out.filters = JSON.parse(filters);
    } catch {
      details.filters = ["filters must be a JSON object"];
    }
  }
  if (Object.keys(details).length) throw invalid(details);
  return out;
}

function invalid(details: ErrorDetails): AppError {
  return new AppError("invalid_request", "The list request is not valid: see error.details.", { details });
}
