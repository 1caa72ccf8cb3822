// The query of a SCIM list or read (RFC 7644 §3.4.2): filter, startIndex/count paging, and the
// attributes/excludedAttributes projection applied to each resource returned.
import { LIST_RESPONSE_SCHEMA } from "@/lib/scim/schemas";
import { scimError } from "@/lib/scim/errors";

export const MAX_COUNT = 200;
const DEFAULT_COUNT = 100;

export type ListQuery = {
  filter: string | null;
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
  attributes: string[] | null;
  excludedAttributes: string[] | null;
};

function integerParam(raw: string | null, name: string): number | null {
  if (raw === null || raw.trim() === "") return null;
  if (!/^-?\d{1,9}$/.test(raw.trim())) throw scimError("invalidValue", `"${name}" is a whole number.`);
  return Number(raw.trim());
}

function listParam(raw: string | null): string[] | null {
  if (raw === null) return null;
  const items = raw.split(",").map((item) => item.trim()).filter(Boolean);
  return items.length ? items : null;
}

export function listQueryOf(url: URL): ListQuery {
  const params = url.searchParams;
  // Out-of-range values are read as the nearest sensible one, as the RFC asks (startIndex < 1 is 1, a negative count 0).
  const startIndex = Math.max(1, integerParam(params.get("startIndex"), "startIndex") ?? 1);
  const count = Math.min(MAX_COUNT, Math.max(0, integerParam(params.get("count"), "count") ?? DEFAULT_COUNT));
  return { filter: params.get("filter"), startIndex, count, attributes: listParam(params.get("attributes")), excludedAttributes: listParam(params.get("excludedAttributes")) };
}

export function listResponse(resources: Record<string, unknown>[], total: number, query: Pick<ListQuery, "startIndex">) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex: query.startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** Attributes returned whatever the projection asks (RFC 7643 "returned: always"). */
const ALWAYS = new Set(["id", "schemas"]);

/**
 * The resource with only the asked attributes (`attributes`), or without the excluded ones; names are
 * compared ignoring case and may carry the schema URN in front, or name a sub-attribute ("name.givenName").
 */
export function project(resource: Record<string, unknown>, query: Pick<ListQuery, "attributes" | "excludedAttributes">, schemaUrns: readonly string[]): Record<string, unknown> {
  const paths = (list: string[]) => list.map((item) => stripUrn(item, schemaUrns));
  if (query.attributes) {
    const wanted = paths(query.attributes);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      const lower = key.toLowerCase();
      if (ALWAYS.has(lower) || wanted.some((path) => path === lower)) out[key] = value;
      else if (wanted.some((path) => path.startsWith(`${lower}.`))) out[key] = pick(value, wanted.filter((path) => path.startsWith(`${lower}.`)).map((path) => path.slice(lower.length + 1)));
    }
    return out;
  }
  if (query.excludedAttributes) {
    const excluded = paths(query.excludedAttributes);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      const lower = key.toLowerCase();
      if (!ALWAYS.has(lower) && excluded.includes(lower)) continue;
      const subs = excluded.filter((path) => path.startsWith(`${lower}.`)).map((path) => path.slice(lower.length + 1));
      out[key] = subs.length ? omit(value, subs) : value;
    }
    return out;
  }
  return resource;
}

function stripUrn(path: string, schemaUrns: readonly string[]): string {
  const lower = path.toLowerCase();
  for (const urn of schemaUrns) {
    const prefix = `${urn.toLowerCase()}:`;
    // An extension's attribute stays under its URN (the extension is one attribute of the resource).
    if (lower.startsWith(prefix) && urn.includes(":core:")) return lower.slice(prefix.length);
    if (lower.startsWith(prefix)) return `${urn.toLowerCase()}.${lower.slice(prefix.length)}`;
  }
  return lower;
}

function mapEntries(value: unknown, keep: (key: string) => boolean): unknown {
  const one = (item: unknown) =>
    typeof item === "object" && item !== null ? Object.fromEntries(Object.entries(item).filter(([key]) => keep(key.toLowerCase()))) : item;
  return Array.isArray(value) ? value.map(one) : one(value);
}
const pick = (value: unknown, subs: string[]) => mapEntries(value, (key) => subs.includes(key));
const omit = (value: unknown, subs: string[]) => mapEntries(value, (key) => !subs.includes(key));
