// A SCIM PATCH body (RFC 7644 §3.5.2) read and checked before anything is changed: the PatchOp
// schema, operations named in any letter case ("Replace", as Entra ID writes it), paths that name
// attributes the schema has (in any case, with or without the schema URN, the enterprise extension's
// included). A User's operations are then applied with scim-patch to the resource as it is, and the
// result is written as a whole: either all of a PATCH holds or none of it.
import { scimPatch, ScimError as PatchLibraryError, type ScimPatchOperation } from "scim-patch";
import { scimError } from "@/lib/scim/errors";
import { ENTERPRISE_ATTRIBUTES, ENTERPRISE_SCHEMA, PATCH_OP_SCHEMA, USER_ATTRIBUTES, USER_SCHEMA, canonicalName, canonicalSubName } from "@/lib/scim/schemas";

export type PatchOperation = { op: "add" | "replace" | "remove"; path: string | null; value: unknown };

/** More operations than any client sends in one request (Entra ID sends a handful; Okta one or two). */
export const MAX_OPERATIONS = 1_000;

/** The body's operations, each with its op in lower case; refused with the RFC's error when malformed. */
export function patchOperationsOf(body: unknown): PatchOperation[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw scimError("invalidSyntax", "The body is a JSON object: a SCIM PatchOp.");
  const raw = body as Record<string, unknown>;
  const key = (name: string) => Object.keys(raw).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const schemas = raw[key("schemas") ?? "schemas"];
  if (!Array.isArray(schemas) || !schemas.some((schema) => typeof schema === "string" && schema.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw scimError("invalidSyntax", `"schemas" must be ["${PATCH_OP_SCHEMA}"].`);
  }
  const unknown = schemas.filter((schema) => typeof schema !== "string" || schema.toLowerCase() !== PATCH_OP_SCHEMA.toLowerCase());
  if (unknown.length) throw scimError("invalidValue", `Unknown schema in a PATCH: ${unknown.map(String).join(", ")}.`);
  const operations = raw[key("Operations") ?? "Operations"];
  if (!Array.isArray(operations) || operations.length === 0) throw scimError("invalidSyntax", '"Operations" is a list of at least one operation.');
  if (operations.length > MAX_OPERATIONS) throw scimError("invalidValue", `At most ${MAX_OPERATIONS} operations a request.`);
  return operations.map((operation: unknown) => {
    if (typeof operation !== "object" || operation === null) throw scimError("invalidSyntax", "Each operation is an object with an op.");
    const entry = Object.fromEntries(Object.entries(operation).map(([name, value]) => [name.toLowerCase(), value])) as Record<string, unknown>;
    const op = typeof entry.op === "string" ? entry.op.toLowerCase() : "";
    if (op !== "add" && op !== "replace" && op !== "remove") throw scimError("invalidSyntax", `"${String(entry.op)}" is not an operation: use add, replace or remove.`);
    const path = entry.path === undefined || entry.path === null || entry.path === "" ? null : entry.path;
    if (path !== null && typeof path !== "string") throw scimError("invalidPath", '"path" is a string.');
    if (op === "remove" && path === null) throw scimError("noTarget", "A remove operation needs a path.");
    if (op !== "remove" && entry.value === undefined) throw scimError("invalidValue", `An ${op} operation needs a value.`);
    if (path === null && (typeof entry.value !== "object" || entry.value === null || Array.isArray(entry.value))) {
      throw scimError("invalidValue", "An operation without a path has an object of attributes as its value.");
    }
    return { op, path, value: entry.value };
  });
}

const READ_ONLY = new Set(["id", "meta", "groups", "schemas"]);

/**
 * A User path in the schema's spelling: `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each
 * optionally behind the core schema's URN, or the enterprise extension's URN and one of its
 * attributes. Refused as `invalidPath` when it names nothing the schema has, `mutability` when it
 * names what a client cannot write.
 */
export function canonicalUserPath(path: string): string {
  const lower = path.toLowerCase();
  const enterprise = ENTERPRISE_SCHEMA.toLowerCase();
  const core = USER_SCHEMA.toLowerCase();
  if (lower === enterprise) return ENTERPRISE_SCHEMA;
  if (lower.startsWith(`${enterprise}:`)) return `${ENTERPRISE_SCHEMA}:${canonicalAttributePath(ENTERPRISE_ATTRIBUTES, path.slice(enterprise.length + 1), path)}`;
  const rest = lower.startsWith(`${core}:`) ? path.slice(core.length + 1) : path;
  const canonical = canonicalAttributePath(USER_ATTRIBUTES, rest, path);
  const head = canonical.split(/[.[]/)[0];
  if (READ_ONLY.has(head)) throw scimError("mutability", `"${head}" cannot be changed.`);
  return canonical;
}

function canonicalAttributePath(attributes: Parameters<typeof canonicalName>[0], path: string, whole: string): string {
  const match = /^([A-Za-z$][\w$-]*)(\[[^\]]*\])?(?:\.([A-Za-z$][\w$-]*))?$/.exec(path);
  const unknown = () => scimError("invalidPath", `"${whole}" is not an attribute of this resource.`);
  if (!match) throw unknown();
  const name = canonicalName(attributes, match[1]);
  if (!name) throw unknown();
  let sub = "";
  if (match[3]) {
    const subName = canonicalSubName(attributes, name, match[3]);
    if (!subName) throw unknown();
    sub = `.${subName}`;
  }
  if (match[2] && !attributes[name].multi) throw scimError("invalidPath", `"${name}" holds one value: it takes no filter.`);
  return `${name}${match[2] ?? ""}${sub}`;
}

/** The User after the operations, or the RFC's error when one of them cannot apply. */
export function applyUserPatch<T extends Record<string, unknown>>(resource: T, operations: PatchOperation[]): T {
  const library = operations.map((operation) => {
    const path = operation.path === null ? undefined : canonicalUserPath(operation.path);
    if (operation.op !== "remove") return { op: operation.op, path, value: operation.value } as ScimPatchOperation;
    // Entra ID removes a manager with the manager's id as the value: removing a single-valued attribute removes it, whatever the value.
    const multi = path !== undefined && !path.includes("[") && USER_ATTRIBUTES[path.split(".")[0]]?.multi === true;
    return { op: "remove", path, ...(multi ? { value: operation.value } : {}) } as ScimPatchOperation;
  });
  try {
    return scimPatch(structuredClone(resource) as never, library, { mutateDocument: true, treatMissingAsAdd: true }) as T;
  } catch (error) {
    if (error instanceof PatchLibraryError) {
      const scimType = (error as { scimCode?: string }).scimCode === "noTarget" ? "noTarget" : "invalidValue";
      throw scimError(scimType, error.message);
    }
    throw error;
  }
}
