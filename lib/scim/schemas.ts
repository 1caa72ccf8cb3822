// The SCIM schemas Keyport speaks (RFC 7643): the core User and Group, the enterprise User extension,
// and how an attribute name a client wrote ("username", "Name.GivenName", an attribute under the
// enterprise extension's URN) is read as the schema spells it. Clients differ in letter case; the
// schemas say names are case-insensitive.
import { scimError } from "@/lib/scim/errors";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

type Shape = { sub?: readonly string[]; multi?: boolean };

/** The core User's attributes, as spelled in the schema, with their sub-attributes. */
export const USER_ATTRIBUTES: Readonly<Record<string, Shape>> = {
  id: {},
  externalId: {},
  userName: {},
  name: { sub: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"] },
  displayName: {},
  nickName: {},
  profileUrl: {},
  title: {},
  userType: {},
  preferredLanguage: {},
  locale: {},
  timezone: {},
  active: {},
  password: {},
  emails: { multi: true, sub: ["value", "display", "type", "primary"] },
  phoneNumbers: { multi: true, sub: ["value", "display", "type", "primary"] },
  ims: { multi: true, sub: ["value", "display", "type", "primary"] },
  photos: { multi: true, sub: ["value", "display", "type", "primary"] },
  addresses: { multi: true, sub: ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"] },
  groups: { multi: true, sub: ["value", "$ref", "display", "type"] },
  entitlements: { multi: true, sub: ["value", "display", "type", "primary"] },
  roles: { multi: true, sub: ["value", "display", "type", "primary"] },
  x509Certificates: { multi: true, sub: ["value", "display", "type", "primary"] },
  meta: { sub: ["resourceType", "created", "lastModified", "location", "version"] },
  schemas: {},
};

export const ENTERPRISE_ATTRIBUTES: Readonly<Record<string, Shape>> = {
  employeeNumber: {},
  costCenter: {},
  organization: {},
  division: {},
  department: {},
  manager: { sub: ["value", "$ref", "displayName"] },
};

export const GROUP_ATTRIBUTES: Readonly<Record<string, Shape>> = {
  id: {},
  externalId: {},
  displayName: {},
  members: { multi: true, sub: ["value", "$ref", "display", "type"] },
  meta: { sub: ["resourceType", "created", "lastModified", "location", "version"] },
  schemas: {},
};

function lowerIndex(attributes: Readonly<Record<string, Shape>>): Map<string, string> {
  return new Map(Object.keys(attributes).map((name) => [name.toLowerCase(), name]));
}
const INDEX = new Map<Readonly<Record<string, Shape>>, Map<string, string>>([
  [USER_ATTRIBUTES, lowerIndex(USER_ATTRIBUTES)],
  [ENTERPRISE_ATTRIBUTES, lowerIndex(ENTERPRISE_ATTRIBUTES)],
  [GROUP_ATTRIBUTES, lowerIndex(GROUP_ATTRIBUTES)],
]);

/** The schema's spelling of an attribute name, or null when the schema has no such attribute. */
export function canonicalName(attributes: Readonly<Record<string, Shape>>, name: string): string | null {
  return INDEX.get(attributes)!.get(name.toLowerCase()) ?? null;
}

export function canonicalSubName(attributes: Readonly<Record<string, Shape>>, attribute: string, sub: string): string | null {
  return attributes[attribute]?.sub?.find((candidate) => candidate.toLowerCase() === sub.toLowerCase()) ?? null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object's keys spelled as the schema spells them (sub-attributes too); unknown keys are left out. */
function canonicalObject(attributes: Readonly<Record<string, Shape>>, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = canonicalName(attributes, key);
    if (!name) continue;
    const shape = attributes[name];
    const canonicalSub = (item: unknown) => {
      if (!isObject(item) || !shape.sub) return item;
      const entry: Record<string, unknown> = {};
      for (const [subKey, subValue] of Object.entries(item)) {
        const subName = canonicalSubName(attributes, name, subKey);
        if (subName) entry[subName] = subValue;
      }
      return entry;
    };
    out[name] = Array.isArray(value) ? value.map(canonicalSub) : canonicalSub(value);
  }
  return out;
}

/**
 * A User as the schema spells it: core attributes at the top, the enterprise extension under its URN
 * (written either as an object under the URN, or as "URN:attribute" keys), and "name.givenName"-style
 * keys (how a PATCH without a path names sub-attributes) folded into their attribute.
 */
export function canonicalUser(input: Record<string, unknown>): Record<string, unknown> {
  const core: Record<string, unknown> = {};
  let enterprise: Record<string, unknown> | undefined;
  const enterpriseUrn = ENTERPRISE_SCHEMA.toLowerCase();
  const coreUrn = USER_SCHEMA.toLowerCase();
  for (const [rawKey, value] of Object.entries(input)) {
    const key = rawKey.toLowerCase();
    if (key === enterpriseUrn) {
      if (value === null) enterprise = {};
      else if (isObject(value)) enterprise = { ...enterprise, ...canonicalObject(ENTERPRISE_ATTRIBUTES, value) };
      else throw scimError("invalidValue", "The enterprise extension is an object.");
    } else if (key.startsWith(`${enterpriseUrn}:`)) {
      enterprise = { ...enterprise, ...canonicalObject(ENTERPRISE_ATTRIBUTES, nest(rawKey.slice(enterpriseUrn.length + 1), value)) };
    } else if (key.startsWith(`${coreUrn}:`)) {
      mergeInto(core, canonicalObject(USER_ATTRIBUTES, nest(rawKey.slice(coreUrn.length + 1), value)));
    } else {
      mergeInto(core, canonicalObject(USER_ATTRIBUTES, nest(rawKey, value)));
    }
  }
  if (enterprise !== undefined) core[ENTERPRISE_SCHEMA] = enterprise;
  return core;
}

export function canonicalGroup(input: Record<string, unknown>): Record<string, unknown> {
  const coreUrn = GROUP_SCHEMA.toLowerCase();
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(input)) {
    const key = rawKey.toLowerCase().startsWith(`${coreUrn}:`) ? rawKey.slice(coreUrn.length + 1) : rawKey;
    mergeInto(out, canonicalObject(GROUP_ATTRIBUTES, { [key]: value }));
  }
  return out;
}

/** "name.givenName" → { name: { givenName } }; a plain key stays as it is. */
function nest(key: string, value: unknown): Record<string, unknown> {
  const dot = key.indexOf(".");
  return dot < 0 ? { [key]: value } : { [key.slice(0, dot)]: { [key.slice(dot + 1)]: value } };
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isObject(existing) && isObject(value) ? { ...existing, ...value } : value;
  }
}

/** The `schemas` of a request body: a list of known URNs that includes the resource type's own. */
export function checkSchemas(value: unknown, own: string, allowed: readonly string[]): void {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw scimError("invalidSyntax", `"schemas" is a list of schema URNs and must include "${own}".`);
  }
  const lower = value.map((item: string) => item.toLowerCase());
  const unknown = value.filter((_item, index) => !allowed.some((known) => known.toLowerCase() === lower[index]));
  if (unknown.length) throw scimError("invalidValue", `Unknown schema: ${unknown.join(", ")}. Keyport knows ${allowed.join(", ")}.`);
  if (!lower.includes(own.toLowerCase())) throw scimError("invalidValue", `"schemas" must include "${own}".`);
}

/** `active` as JSON or as the strings "True"/"False" (Entra ID sends those); undefined when absent. */
export function activeValue(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw scimError("invalidValue", '"active" is true or false.');
}
