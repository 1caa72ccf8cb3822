// A Keyport user as a SCIM User resource, and a SCIM User body as the columns it writes. Keyport keeps
// in columns what it acts on (userName, the sign-in email, the name shown, externalId, active) and the
// rest of what the client sent (name parts, emails, phone numbers, the enterprise extension …) as JSON,
// returned as it was written.
import { publicOrigin } from "@/lib/http/public-url";
import { scimError } from "@/lib/scim/errors";
import { ENTERPRISE_SCHEMA, USER_SCHEMA, activeValue, canonicalUser, checkSchemas } from "@/lib/scim/schemas";
import { booleanOfNull, dateColumn, stringColumn, type AttributeFilter, type FilterSchema, type Where } from "@/lib/scim/filter";

export type ScimUserRow = {
  id: string;
  email: string;
  name: string;
  scimUserName: string | null;
  externalId: string | null;
  scimAttributes: string | null;
  deprovisionedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  scimGroups: { group: { id: string; displayName: string } }[];
};

export const scimUserSelect = {
  id: true,
  email: true,
  name: true,
  scimUserName: true,
  externalId: true,
  scimAttributes: true,
  deprovisionedAt: true,
  createdAt: true,
  updatedAt: true,
  scimGroups: { select: { group: { select: { id: true, displayName: true } } } },
} as const;

export const scimBase = () => `${publicOrigin()}/scim/v2`;
export const versionOf = (updatedAt: Date) => `W/"${updatedAt.getTime()}"`;

/** Attributes kept in columns (or computed): never stored in the JSON as well. */
const COLUMN_ATTRIBUTES = new Set(["id", "externalId", "userName", "displayName", "active", "password", "groups", "meta", "schemas"]);

function storedAttributes(row: { scimAttributes: string | null }): Record<string, unknown> {
  if (!row.scimAttributes) return {};
  try {
    return JSON.parse(row.scimAttributes) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function toScimUser(row: ScimUserRow): Record<string, unknown> {
  const stored = storedAttributes(row);
  const emails = Array.isArray(stored.emails) && stored.emails.length ? stored.emails : [{ value: row.email, type: "work", primary: true }];
  const location = `${scimBase()}/Users/${row.id}`;
  return {
    schemas: ENTERPRISE_SCHEMA in stored ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    userName: row.scimUserName ?? row.email,
    ...stored,
    displayName: row.name,
    emails,
    active: row.deprovisionedAt === null,
    groups: row.scimGroups.map(({ group }) => ({ value: group.id, display: group.displayName, $ref: `${scimBase()}/Groups/${group.id}`, type: "direct" })),
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location, version: versionOf(row.updatedAt) },
  };
}

/** What a User body writes. */
export type UserWrite = {
  userName: string;
  userNameKey: string;
  /** The sign-in email: userName when it is an email address, else the primary email, else userName. */
  email: string;
  name: string;
  externalId: string | null;
  active: boolean | undefined;
  scimAttributes: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_STRING = 256;
const MAX_ATTRIBUTES_JSON = 32 * 1024;

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw scimError("invalidValue", `"${name}" is a string.`);
  if (value.length > MAX_STRING) throw scimError("invalidValue", `"${name}" is longer than ${MAX_STRING} characters.`);
  return value;
}

/** Reads a whole User body (POST, PUT, or the result of a PATCH): refused with the RFC's error when it is not one. */
export function userWriteOf(body: unknown): UserWrite {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw scimError("invalidSyntax", "The body is a JSON object: a SCIM User.");
  const raw = body as Record<string, unknown>;
  const schemasKey = Object.keys(raw).find((key) => key.toLowerCase() === "schemas");
  checkSchemas(schemasKey ? raw[schemasKey] : undefined, USER_SCHEMA, [USER_SCHEMA, ENTERPRISE_SCHEMA]);
  const user = canonicalUser(raw);
  const userName = optionalString(user.userName, "userName")?.trim();
  if (!userName) throw scimError("invalidValue", '"userName" is required.');
  const emails = user.emails;
  if (emails !== undefined && emails !== null && (!Array.isArray(emails) || emails.some((email) => typeof email !== "object" || email === null || typeof (email as { value?: unknown }).value !== "string"))) {
    throw scimError("invalidValue", '"emails" is a list of objects with a "value".');
  }
  const emailList = (emails ?? []) as { value: string; primary?: unknown }[];
  const primary = emailList.find((email) => email.primary === true || email.primary === "True" || email.primary === "true") ?? emailList[0];
  const email = (EMAIL.test(userName) ? userName : primary && EMAIL.test(primary.value.trim()) ? primary.value.trim() : userName).toLowerCase();
  const nameObject = typeof user.name === "object" && user.name !== null ? (user.name as Record<string, unknown>) : {};
  const displayName =
    optionalString(user.displayName, "displayName")?.trim() ||
    (typeof nameObject.formatted === "string" && nameObject.formatted.trim()) ||
    [nameObject.givenName, nameObject.familyName].filter((part) => typeof part === "string" && part.trim()).join(" ") ||
    userName;
  const stored = Object.fromEntries(Object.entries(user).filter(([key]) => !COLUMN_ATTRIBUTES.has(key)));
  const scimAttributes = JSON.stringify(stored);
  if (scimAttributes.length > MAX_ATTRIBUTES_JSON) throw scimError("invalidValue", "The user's attributes are too large.");
  return {
    userName,
    userNameKey: userName.toLowerCase(),
    email,
    name: displayName.slice(0, 200),
    externalId: optionalString(user.externalId, "externalId"),
    active: activeValue(user.active),
    scimAttributes,
  };
}

/**
 * userName: a SCIM-written one (kept in lower case as its key), or else the email. The key column is
 * checked set first, so `not (...)` of the condition matches exactly the other rows.
 */
const userNameFilter: AttributeFilter = (op, value) => {
  if (op === "pr") return {};
  const byKey = stringColumn("scimUserNameKey", { nullable: true, lowerCase: true })(op, value);
  const byEmail = stringColumn("email", { lowerCase: true })(op, value);
  return { OR: [byKey, { AND: [{ scimUserNameKey: null }, byEmail] }] };
};

/** The sign-in email stands for the user's emails: filters on emails (their value, type or primary) read it. */
const emailFilter = stringColumn("email", { lowerCase: true });
const anyEmail: AttributeFilter = () => ({});

export const USER_FILTER: FilterSchema = {
  schemaUrn: USER_SCHEMA,
  attributes: {
    id: stringColumn("id"),
    username: userNameFilter,
    externalid: stringColumn("externalId", { nullable: true }),
    displayname: stringColumn("name"),
    emails: emailFilter,
    "emails.value": emailFilter,
    "emails.type": anyEmail,
    "emails.primary": anyEmail,
    active: booleanOfNull("deprovisionedAt"),
    "meta.created": dateColumn("createdAt"),
    "meta.lastmodified": dateColumn("updatedAt"),
  },
};

export type { Where };
