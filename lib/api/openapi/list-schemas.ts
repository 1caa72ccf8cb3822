// The list request of one resource, for the OpenAPI document: the shape every list endpoint checks
// (lib/api/list-request.ts), narrowed by what the resource declares (its ResourceSpec): which fields
// filter with which operators and value types, and which fields sort.
import { z } from "zod";
import { listRequestSchema } from "@/lib/api/list-request";
import { INT32_MAX, INT32_MIN, type FieldSpec, type Operator, type ResourceSpec } from "@/lib/resources/list-query";

function valueSchema(field: FieldSpec): z.ZodType {
  if (field.oneOf) {
    const [first, ...rest] = field.oneOf.map((value) => z.literal(value));
    return rest.length ? z.union([first, ...rest]) : first;
  }
  switch (field.type) {
    case "string":
      return z.string().max(500);
    case "int":
      return z.number().int().min(INT32_MIN).max(INT32_MAX);
    case "bool":
      return z.boolean();
    case "date":
      return z.number().meta({ description: "Milliseconds since the epoch." });
  }
}

function operatorSchema(operator: Operator, field: FieldSpec): z.ZodType {
  const scalar = operator === "contains" ? z.string().max(500) : valueSchema(field);
  switch (operator) {
    case "eq":
    case "neq":
    case "contains":
      return z.union([scalar, z.array(scalar).min(1).max(500)]).meta({ description: "A value or a list of values (any of them)." });
    case "range": {
      const bound = valueSchema(field);
      return z.strictObject({ start: bound.optional(), end: bound.optional() }).meta({ description: "Inclusive bounds: start, end or both." });
    }
    case "isset":
    case "isnotset":
      return z.boolean();
    default:
      return valueSchema(field);
  }
}

/** `{"field": {"operator": value}}` for the resource's filterable fields. */
export function filtersSchema(spec: ResourceSpec, id: string): z.ZodType {
  const fields = Object.entries(spec.fields).map(([name, field]) => [
    name,
    z.strictObject(Object.fromEntries(field.operators.map((operator) => [operator, operatorSchema(operator, field).optional()]))).optional(),
  ]);
  return z.strictObject(Object.fromEntries(fields)).meta({ id, description: "Filters, all of which an item matches: `{\"field\": {\"operator\": value}}`." });
}

function sortFieldSchema(spec: ResourceSpec): z.ZodType {
  const names = Object.keys(spec.sortFields);
  return names.length ? z.enum(names as [string, ...string[]]) : z.never();
}

/** The POST body of a list endpoint: the shared list request with this resource's filters and sort fields. */
export function listBodySchema(spec: ResourceSpec, resource: string): z.ZodType {
  const shape = listRequestSchema.shape;
  const sortable = Object.keys(spec.sortFields).length > 0;
  return z
    .strictObject({
      filters: filtersSchema(spec, `${resource}Filters`).optional(),
      skip: shape.skip,
      limit: shape.limit,
      ...(sortable ? { sortField: sortFieldSchema(spec).optional(), sortDirection: shape.sortDirection } : {}),
    })
    .meta({ id: `${resource}ListRequest` });
}

/** The GET form of the same request: query parameters, with `filters` as JSON text. */
export function listQuerySchema(spec: ResourceSpec, extra: Record<string, z.ZodType> = {}): z.ZodObject {
  const shape = listRequestSchema.shape;
  const sortable = Object.keys(spec.sortFields).length > 0;
  const filterable = Object.keys(spec.fields).length > 0;
  return z.strictObject({
    skip: shape.skip.meta({ description: "How many items to skip (default 0)." }),
    limit: shape.limit.meta({ description: "How many items to return, at most 100 (default 100)." }),
    ...(sortable
      ? {
          sortField: sortFieldSchema(spec).optional().meta({ description: `Sort by one of: ${Object.keys(spec.sortFields).join(", ")}.` }),
          sortDirection: shape.sortDirection,
        }
      : {}),
    ...(filterable ? { filters: z.string().optional().meta({ description: "The filters as a JSON object, as in the POST body.", example: '{"severity": {"eq": [2]}}' }) } : {}),
    ...extra,
  });
}
