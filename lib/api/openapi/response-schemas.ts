// What the API answers, as zod schemas: the source of the responses in the OpenAPI document
// (lib/api/openapi/document.ts), which the end-to-end suite checks every /api/v1/ answer against. A
// serializer in lib/resources or lib/tokens that changes its output without changing the schema here
// fails those checks. Objects are closed (no unlisted keys), so a new field is a change of both.
import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";
import { ROLES, SCOPES } from "@/lib/permissions";
import { SERVICE_ACCOUNT_STATUSES } from "@/lib/service-accounts/schemas";
import { CLOSE_REASONS } from "@/lib/resources/schemas/alerts";
import { FEEDBACK_VALUES } from "@/lib/resources/schemas/activities";
import { ENTITY_TYPES, MAX_TREE_DEPTH } from "@/lib/resources/entities";
import { SUBNET_CATEGORIES } from "@/lib/resources/schemas/subnets";
import { API_STATUS_FILTERS } from "@/lib/tokens/list-api-tokens";

const resourceId = z.string().meta({ description: "A resource id: 24 hexadecimal characters.", example: "65f1c0a2b4d9e8f7a6b5c4d3" });
const epochMs = z.number().int().meta({ description: "Milliseconds since the epoch (UTC).", example: 1767225600000 });
const scope = z.enum(SCOPES).meta({ id: "Scope", description: "A permission scope. An operation names the scopes, any one of which allows it." });

/** `{"data": [...], "hasNext", "total"}`: the answer of every list endpoint. */
export function listPageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .strictObject({
      data: z.array(item),
      hasNext: z.boolean().meta({ description: "Whether a page follows this one (skip + limit < total)." }),
      total: z.number().int().min(0).meta({ description: "How many items match the filters, over all pages." }),
    })
    .meta({ id, description: "One page of a list." });
}

export const alertSchema = z
  .strictObject({
    _id: resourceId,
    timestamp: epochMs,
    title: z.string(),
    description: z.string(),
    severityValue: z.union([z.literal(0), z.literal(1), z.literal(2)]).meta({ description: "0 low, 1 medium, 2 high." }),
    resolutionStatusValue: z.union([z.literal(0), z.literal(3), z.literal(4), z.literal(5)]).meta({ description: "0 open, 3 false positive, 4 benign, 5 true positive." }),
    isOpen: z.boolean(),
    isRead: z.boolean(),
    policy: z.strictObject({ label: z.string() }),
    entities: z.array(z.strictObject({ id: z.string(), type: z.string(), label: z.string() })),
    comment: z.string().nullable(),
    resolveTime: epochMs.nullable(),
    handledByUser: z.string().nullable().meta({ description: "Who closed the alert." }),
  })
  .meta({
    id: "Alert",
    example: {
      _id: "65f1c0a2b4d9e8f7a6b5c4d3",
      timestamp: 1767225600000,
      title: "Impossible travel activity",
      description: "A user signed in from two countries within an hour.",
      severityValue: 2,
      resolutionStatusValue: 0,
      isOpen: true,
      isRead: false,
      policy: { label: "Impossible travel" },
      entities: [{ id: "65f1c0a2b4d9e8f7a6b5c4d4", type: "user", label: "Ada Lovelace" }],
      comment: null,
      resolveTime: null,
      handledByUser: null,
    },
  });

export const closeAlertsResultSchema = z
  .object({
    closed: z.number().int().min(0).meta({ description: "How many open alerts the filters selected and this call closed." }),
    ids: z.array(resourceId),
    ...Object.fromEntries(CLOSE_REASONS.map((reason) => [`closed_${reason}`, z.number().int().min(0).optional()])),
  })
  .strict()
  .meta({ id: "CloseAlertsResult", description: "`closed_<reason>` repeats `closed` under the endpoint's reason.", example: { closed_benign: 1, closed: 1, ids: ["65f1c0a2b4d9e8f7a6b5c4d3"] } });

export const activitySchema = z
  .strictObject({
    _id: resourceId,
    timestamp: epochMs,
    eventTypeName: z.string(),
    description: z.string(),
    user: z.strictObject({ userName: z.string() }),
    appId: z.number().int(),
    appName: z.string(),
    device: z.strictObject({ clientIP: z.string(), userAgent: z.string() }),
    location: z.strictObject({ countryCode: z.string() }),
    feedback: z.strictObject({ value: z.enum(FEEDBACK_VALUES), comment: z.string().nullable(), by: z.string().nullable() }).nullable(),
  })
  .meta({ id: "Activity" });

const entityFields = {
  _id: resourceId,
  type: z.enum(ENTITY_TYPES),
  displayName: z.string(),
  email: z.string().nullable(),
  domain: z.string().nullable(),
  isAdmin: z.boolean(),
  isExternal: z.boolean(),
  threatScore: z.number().int(),
  parent: z.string().nullable().meta({ description: "The parent entity's id (an account's user)." }),
  lastSeen: epochMs,
};
export const entitySchema = z.strictObject(entityFields).meta({ id: "Entity" });

/**
 * An entity with its descendants, as deep as the tree is walked (MAX_TREE_DEPTH levels below the root):
 * written out level by level rather than as a recursive schema, which some OpenAPI tools cannot follow.
 */
function entityTreeLevel(levelsBelow: number): z.ZodType {
  return z.strictObject({ ...entityFields, children: levelsBelow > 0 ? z.array(entityTreeLevel(levelsBelow - 1)) : z.array(z.never()).max(0) });
}
export const entityTreeNodeSchema = entityTreeLevel(MAX_TREE_DEPTH).meta({ id: "EntityTreeNode", description: `An entity with its descendants, at most ${MAX_TREE_DEPTH} levels deep.` });

export const subnetSchema = z
  .strictObject({
    _id: resourceId,
    name: z.string(),
    category: z.union(Object.values(SUBNET_CATEGORIES).map((value) => z.literal(value))).meta({ description: "1 corporate, 2 administrative, 3 risky, 4 VPN, 5 cloud provider, 6 other." }),
    organization: z.string().nullable(),
    subnets: z.array(z.strictObject({ originalString: z.string().meta({ example: "10.77.0.0/16" }) })),
    tags: z.array(z.strictObject({ name: z.string() })),
    lastModified: epochMs,
  })
  .meta({ id: "Subnet", description: "An IP range." });

export const deletedSubnetSchema = z.strictObject({ _id: resourceId, deleted: z.literal(true) }).meta({ id: "DeletedSubnet" });

export const discoveryStreamSchema = z
  .strictObject({ _id: resourceId, displayName: z.string(), sourceType: z.string(), createdAt: epochMs, discoveredApps: z.number().int().min(0), uploads: z.number().int().min(0) })
  .meta({ id: "DiscoveryStream", description: "A Cloud Discovery report." });

export const discoveryCategorySchema = z
  .strictObject({ id: z.number().int().min(1), name: z.string(), discoveredApps: z.number().int().min(0) })
  .meta({ id: "DiscoveryCategory" });

export const discoveryUploadSchema = z
  .strictObject({
    _id: resourceId,
    stream: z.strictObject({ _id: resourceId, displayName: z.string() }),
    fileName: z.string(),
    sourceType: z.string(),
    sizeBytes: z.number().int().min(0),
    lines: z.number().int().min(0),
    discoveredDomains: z.array(z.string()),
    uploadedAt: epochMs,
  })
  .meta({ id: "DiscoveryUpload", description: "A log added to a discovery report." });

export const tokenObjectSchema = z
  .strictObject({
    id: z.string().meta({ description: "The token's id (a UUID)." }),
    name: z.string(),
    createdBy: z.strictObject({ email: z.string() }),
    createdAt: epochMs,
    lastUsedAt: epochMs.nullable(),
    lastUsedIp: z.string().nullable(),
    status: z.enum(API_STATUS_FILTERS).meta({ description: "generated: never used; active: used within 7 days; inactive: not used for 7 days; expired." }),
    expiresAt: epochMs.nullable().meta({ description: "null: never expires." }),
    scopes: z.array(scope).nullable().meta({ description: "The scopes chosen when the token was made; null: all of its issuer's role." }),
    allowedIps: z.array(z.string()).meta({ description: "CIDRs the token may be used from; empty: anywhere." }),
    description: z.string().nullable().meta({ description: "What the token is for, in its maker's words; null: none given." }),
    serviceAccount: z
      .strictObject({ id: z.string(), name: z.string() })
      .nullable()
      .meta({ description: "The service account that owns the token (it then holds the account's role, and createdBy is the person who made it); null: a person's token." }),
  })
  .meta({
    id: "Token",
    description: "An API token. Its value is never shown again after it is made or rotated.",
    example: {
      id: "0b8f5c1e-2f0a-4c8e-9d0b-6f3a1e2d4c5b",
      name: "Nightly export",
      createdBy: { email: "admin@contoso.test" },
      createdAt: 1767225600000,
      lastUsedAt: null,
      lastUsedIp: null,
      status: "generated",
      expiresAt: 1774998000000,
      scopes: ["Investigation.read"],
      allowedIps: ["203.0.113.0/24"],
      description: "The SIEM's nightly pull of closed alerts",
      serviceAccount: null,
    },
  });

const tokenValue = z.string().meta({ description: "The token's value: shown once, keep it secret.", example: "kpat_…" });
export const tokenWithValueSchema = z.strictObject({ token: tokenObjectSchema, value: tokenValue }).meta({ id: "TokenWithValue" });
export const revokedTokenSchema = z.strictObject({ token: tokenObjectSchema }).meta({ id: "RevokedToken" });

export const serviceAccountSchema = z
  .strictObject({
    id: z.string().meta({ description: "The service account's id (a UUID)." }),
    name: z.string(),
    description: z.string(),
    role: z.enum(ROLES).meta({ description: "What its tokens hold at most: the scopes of this role." }),
    status: z.enum(SERVICE_ACCOUNT_STATUSES).meta({ description: "disabled: its tokens are refused with 403 permission_denied until it is enabled." }),
    tokenCount: z.number().int().min(0).meta({ description: "Its live (unrevoked) API tokens." }),
    createdAt: epochMs,
  })
  .meta({
    id: "ServiceAccount",
    description: "An identity that is not a person: its tokens hold its role and outlive whoever made them.",
    example: { id: "5d3f0c1e-2f0a-4c8e-9d0b-6f3a1e2d4c5b", name: "SIEM export", description: "Nightly alert export", role: "SECURITY_READER", status: "active", tokenCount: 1, createdAt: 1767225600000 },
  });
export const serviceAccountAnswerSchema = z.strictObject({ serviceAccount: serviceAccountSchema }).meta({ id: "ServiceAccountAnswer" });
export const deletedServiceAccountSchema = z
  .strictObject({ deleted: z.literal(true), revokedTokens: z.number().int().min(0).meta({ description: "How many of its tokens were revoked with it." }) })
  .meta({ id: "DeletedServiceAccount" });

export const whoamiSchema = z
  .strictObject({
    tenant: z.strictObject({ id: z.string(), slug: z.string() }),
    user: z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).optional().meta({ description: "The token's issuer (absent for an application)." }),
    app: z.strictObject({ id: z.string(), name: z.string() }).optional().meta({ description: "The application of an access token." }),
    credential: z.discriminatedUnion("type", [
      z.strictObject({
        type: z.literal("token"),
        kind: z.enum(["API_TOKEN", "SIEM_AGENT", "LOG_COLLECTOR"]),
        id: z.string(),
        name: z.string(),
        expiresAt: epochMs.nullable(),
        chosenScopes: z.array(scope).nullable().meta({ description: "null: all of the issuer's role." }),
        allowedIps: z.array(z.string()),
        replacedValue: z.boolean().meta({ description: "The value presented is one a rotation replaced: it works until its grace period ends, switch to the new one." }),
      }),
      z.strictObject({ type: z.literal("app") }),
    ]),
    scopes: z.array(scope).meta({ description: "What the credential may do now: its issuer's role now ∩ the scopes chosen for it." }),
  })
  .meta({ id: "Whoami" });

export const leakReportAcceptedSchema = z.strictObject({ status: z.literal("accepted") }).meta({ id: "LeakReportAccepted" });

/** Every `error.code` the API may answer with: the domain's, and those the HTTP front writes itself. */
export const ERROR_CODES: readonly [string, ...string[]] = ["length_required", "uri_too_long", ...Object.keys(ERROR_STATUS)];

/** `{"error": {"code", "message", "details"?}}`, its code limited to `codes`. */
export function errorEnvelopeSchema(codes: readonly [string, ...string[]]) {
  return z.strictObject({
    error: z.strictObject({
      code: z.enum(codes),
      message: z.string().meta({ description: "A sentence for a human." }),
      details: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per offending field path, e.g. `filters.severity.eq`." }),
    }),
  });
}
