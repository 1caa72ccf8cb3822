// What a SCIM client reads to learn Keyport's SCIM (RFC 7644 §4): ServiceProviderConfig, ResourceTypes
// and Schemas, made from the same attribute tables the endpoints read and write with.
import { AppError } from "@/lib/errors";
import { MAX_COUNT, listResponse } from "@/lib/scim/list-params";
import { MAX_OPERATIONS } from "@/lib/scim/patch";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { scimBase } from "@/lib/scim/user-resource";
import { ENTERPRISE_ATTRIBUTES, ENTERPRISE_SCHEMA, GROUP_ATTRIBUTES, GROUP_SCHEMA, USER_ATTRIBUTES, USER_SCHEMA } from "@/lib/scim/schemas";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig() {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${scimBase().replace(/\/scim\/v2$/, "")}/settings/provisioning`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Secret token", description: `The tenant's secret token from Settings › Provisioning, as Authorization: Bearer. At most ${MAX_OPERATIONS} PATCH operations and ${BODY_LIMITS.scim} bytes a request.`, primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${scimBase()}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  { id: "User", name: "User", endpoint: "/Users", description: "A person of the tenant", schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }] },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "A group; those named on the single sign-on page give their members a role", schema: GROUP_SCHEMA, schemaExtensions: [] },
];

const resourceType = (type: (typeof RESOURCE_TYPES)[number]) => ({ schemas: [RESOURCE_TYPE_SCHEMA], ...type, meta: { resourceType: "ResourceType", location: `${scimBase()}/ResourceTypes/${type.id}` } });

export function resourceTypes(name?: string) {
  if (name === undefined) return listResponse(RESOURCE_TYPES.map(resourceType), RESOURCE_TYPES.length, { startIndex: 1 });
  const type = RESOURCE_TYPES.find((candidate) => candidate.id.toLowerCase() === name.toLowerCase());
  if (!type) throw new AppError("not_found", "No such resource type.");
  return resourceType(type);
}

type Shape = { sub?: readonly string[]; multi?: boolean };
const READ_ONLY = new Set(["id", "meta", "groups"]);
const BOOLEAN = new Set(["active", "primary"]);

type AttributeDefinition = Record<string, unknown> & { subAttributes?: AttributeDefinition[] };

function attribute(name: string, shape: Shape): AttributeDefinition {
  const type = shape.sub ? "complex" : BOOLEAN.has(name) ? "boolean" : name === "$ref" ? "reference" : name === "created" || name === "lastModified" ? "dateTime" : "string";
  return {
    name,
    type,
    multiValued: shape.multi ?? false,
    description: name,
    required: name === "userName" || name === "displayName",
    caseExact: name === "id" || name === "externalId",
    mutability: READ_ONLY.has(name) ? "readOnly" : name === "password" ? "writeOnly" : "readWrite",
    returned: name === "password" ? "never" : name === "id" ? "always" : "default",
    uniqueness: name === "userName" || name === "id" ? "server" : "none",
    ...(shape.sub ? { subAttributes: shape.sub.map((sub) => attribute(sub, {})) } : {}),
  };
}

const SCHEMAS = [
  { id: USER_SCHEMA, name: "User", description: "User Account", attributes: USER_ATTRIBUTES },
  { id: GROUP_SCHEMA, name: "Group", description: "Group", attributes: GROUP_ATTRIBUTES },
  { id: ENTERPRISE_SCHEMA, name: "EnterpriseUser", description: "Enterprise User", attributes: ENTERPRISE_ATTRIBUTES },
];

function schemaResource(schema: (typeof SCHEMAS)[number]) {
  const attributes = Object.entries(schema.attributes)
    .filter(([name]) => name !== "schemas" && name !== "meta" && name !== "id")
    .map(([name, shape]) => attribute(name, shape));
  return { schemas: [SCHEMA_SCHEMA], id: schema.id, name: schema.name, description: schema.description, attributes, meta: { resourceType: "Schema", location: `${scimBase()}/Schemas/${schema.id}` } };
}

export function schemas(id?: string) {
  if (id === undefined) return listResponse(SCHEMAS.map(schemaResource), SCHEMAS.length, { startIndex: 1 });
  const schema = SCHEMAS.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!schema) throw new AppError("not_found", "No such schema.");
  return schemaResource(schema);
}
