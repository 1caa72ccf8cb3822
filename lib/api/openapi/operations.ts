// Every operation of the HTTP API (/api/v1/…), as the OpenAPI document describes it: the action of the
// permission map that guards it (its scopes come from there), the schemas that validate its request
// (the same ones the route handler reads with), the schema of its answer, and the refusals beyond the
// guard's own that it can give. lib/api/openapi/document.ts turns this table into the document; a test
// checks that each route under app/api/v1/ has its operations here.
import { z } from "zod";
import type { Action } from "@/lib/permissions";
import { ACTIVITY_SPEC } from "@/lib/resources/activities";
import { ALERT_SPEC } from "@/lib/resources/alerts";
import { CATEGORY_SPEC, MAX_UPLOAD_BYTES, STREAM_SPEC } from "@/lib/resources/discovery";
import { ENTITY_SPEC } from "@/lib/resources/entities";
import { SUBNET_SPEC } from "@/lib/resources/subnets";
import { activityFeedbackBody } from "@/lib/resources/schemas/activities";
import { closeAlertsBody, CLOSE_REASONS } from "@/lib/resources/schemas/alerts";
import { blockScriptQuery } from "@/lib/resources/schemas/discovery";
import { entityTreeBody } from "@/lib/resources/schemas/entities";
import { createSubnetBody, updateSubnetBody } from "@/lib/resources/schemas/subnets";
import { listBodySchema, listQuerySchema } from "@/lib/api/openapi/list-schemas";
import { pathId as id, type Operation, type Tag } from "@/lib/api/openapi/operation-shape";
import { TOKEN_OPERATIONS } from "@/lib/api/openapi/token-operations";
import { SERVICE_ACCOUNT_OPERATIONS } from "@/lib/api/openapi/service-account-operations";

export { TAGS, type Failure, type Operation } from "@/lib/api/openapi/operation-shape";
import {
  activitySchema,
  alertSchema,
  closeAlertsResultSchema,
  deletedSubnetSchema,
  discoveryCategorySchema,
  discoveryStreamSchema,
  discoveryUploadSchema,
  entitySchema,
  entityTreeNodeSchema,
  listPageSchema,
  subnetSchema,
  whoamiSchema,
} from "@/lib/api/openapi/response-schemas";


/** GET and POST of a list endpoint. */
function listOperations(options: { path: string; resource: string; plural: string; tag: Tag; action: Action; spec: Parameters<typeof listQuerySchema>[0]; item: z.ZodType; post?: boolean; postExample?: unknown }): Operation[] {
  const page = listPageSchema(options.item, `${options.resource}Page`);
  const get: Operation = {
    method: "get",
    path: options.path,
    operationId: `list${options.plural}`,
    summary: `List ${options.plural.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`,
    tag: options.tag,
    action: options.action,
    query: listQuerySchema(options.spec),
    success: { status: 200, description: "A page of the list.", schema: page },
    failures: ["invalid_request"],
  };
  if (options.post === false) return [get];
  return [
    get,
    {
      ...get,
      method: "post",
      operationId: `query${options.plural}`,
      summary: `${get.summary} (filters in the body)`,
      description: "The same list as the GET, its request as a JSON body. An unknown field, operator or value type is a 400 naming it in `error.details`.",
      query: undefined,
      body: { schema: listBodySchema(options.spec, options.resource), required: false, example: options.postExample },
      failures: ["invalid_request", "payload_too_large"],
    },
  ];
}

const closeOperations: Operation[] = CLOSE_REASONS.map((reason) => ({
  method: "post",
  path: `/api/v1/alerts/close_${reason}`,
  operationId: `closeAlerts${reason.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}`,
  summary: `Close alerts as ${reason.replace(/_/g, " ")}`,
  description: "Closes the open alerts the filters select (filters are required: an empty filter is a 400).",
  tag: "alerts",
  action: "alerts.close",
  body: { schema: closeAlertsBody, example: { filters: { id: { eq: ["65f1c0a2b4d9e8f7a6b5c4d3"] } }, comment: "Expected admin activity" } },
  success: { status: 200, description: "How many alerts were closed, and which.", schema: closeAlertsResultSchema },
  failures: ["invalid_request", "payload_too_large"],
}));

const uploadForm = z
  .object({
    file: z.string().meta({ description: `The log file (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB).`, format: "binary" }),
    stream: z
      .string()
      .regex(/^[a-f0-9]{24}$/)
      .optional()
      .meta({ description: "The discovery report to add it to (default: \"Manual uploads\")." }),
    source: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/i)
      .optional()
      .meta({ description: "The appliance that wrote the log, such as generic, squid, zscaler or paloalto (default generic)." }),
  })
  .meta({ id: "DiscoveryUploadForm" });

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/whoami",
    operationId: "whoami",
    summary: "Who the credential acts as",
    description: "The tenant, the user or application, the credential and the scopes it holds now.",
    tag: "identity",
    action: "whoami",
    success: { status: 200, description: "The calling credential.", schema: whoamiSchema },
    failures: [],
  },

  ...listOperations({
    path: "/api/v1/alerts",
    resource: "Alert",
    plural: "Alerts",
    tag: "alerts",
    action: "alerts.list",
    spec: ALERT_SPEC,
    item: alertSchema,
    postExample: { filters: { severity: { eq: [2] }, alertOpen: { eq: true } }, skip: 0, limit: 100, sortField: "date", sortDirection: "asc" },
  }),
  {
    method: "get",
    path: "/api/v1/alerts/{id}",
    operationId: "getAlert",
    summary: "Fetch an alert",
    tag: "alerts",
    action: "alerts.list",
    pathParams: id("alert"),
    success: { status: 200, description: "The alert.", schema: alertSchema },
    failures: ["not_found"],
  },
  ...(["read", "unread"] as const).map(
    (state): Operation => ({
      method: "post",
      path: `/api/v1/alerts/{id}/${state}`,
      operationId: state === "read" ? "markAlertRead" : "markAlertUnread",
      summary: `Mark an alert as ${state}`,
      tag: "alerts",
      action: "alerts.markRead",
      pathParams: id("alert"),
      success: { status: 200, description: "The alert as it is now.", schema: alertSchema },
      failures: ["not_found"],
    }),
  ),
  ...closeOperations,

  ...listOperations({
    path: "/api/v1/activities",
    resource: "Activity",
    plural: "Activities",
    tag: "activities",
    action: "activities.list",
    spec: ACTIVITY_SPEC,
    item: activitySchema,
    postExample: { filters: { "activity.eventType": { eq: "Log on" } }, limit: 50 },
  }),
  {
    method: "get",
    path: "/api/v1/activities/{id}",
    operationId: "getActivity",
    summary: "Fetch an activity",
    tag: "activities",
    action: "activities.list",
    pathParams: id("activity"),
    success: { status: 200, description: "The activity.", schema: activitySchema },
    failures: ["not_found"],
  },
  {
    method: "post",
    path: "/api/v1/activities/{id}/feedback",
    operationId: "giveActivityFeedback",
    summary: "Give feedback on an activity",
    tag: "activities",
    action: "activities.feedback",
    pathParams: id("activity"),
    body: { schema: activityFeedbackBody, example: { feedback: "legitimate", comment: "Known VPN exit" } },
    success: { status: 200, description: "The activity with its feedback.", schema: activitySchema },
    failures: ["invalid_request", "not_found", "payload_too_large"],
  },

  ...listOperations({
    path: "/api/v1/entities",
    resource: "Entity",
    plural: "Entities",
    tag: "entities",
    action: "entities.list",
    spec: ENTITY_SPEC,
    item: entitySchema,
    postExample: { filters: { type: { eq: ["user"] }, isAdmin: { eq: true } } },
  }),
  {
    method: "get",
    path: "/api/v1/entities/{id}",
    operationId: "getEntity",
    summary: "Fetch an entity",
    tag: "entities",
    action: "entities.list",
    pathParams: id("entity"),
    success: { status: 200, description: "The entity.", schema: entitySchema },
    failures: ["not_found"],
  },
  {
    method: "post",
    path: "/api/v1/entities/tree",
    operationId: "getEntityTree",
    summary: "An entity with its descendants",
    tag: "entities",
    action: "entities.list",
    body: { schema: entityTreeBody, example: { id: "65f1c0a2b4d9e8f7a6b5c4d4" } },
    success: { status: 200, description: "The tree.", schema: z.strictObject({ data: entityTreeNodeSchema }).meta({ id: "EntityTree" }) },
    failures: ["invalid_request", "not_found", "payload_too_large"],
  },

  ...listOperations({
    path: "/api/v1/subnet",
    resource: "Subnet",
    plural: "Subnets",
    tag: "subnets",
    action: "subnets.list",
    spec: SUBNET_SPEC,
    item: subnetSchema,
    postExample: { filters: { category: { eq: [1] } } },
  }),
  {
    method: "post",
    path: "/api/v1/subnet/create_rule",
    operationId: "createSubnet",
    summary: "Add an IP range",
    tag: "subnets",
    action: "subnets.manage",
    body: { schema: createSubnetBody, example: { name: "Branch office", category: 1, subnets: ["10.77.0.0/16"], tags: ["branch"] } },
    success: { status: 200, description: "The new IP range.", schema: subnetSchema },
    failures: ["invalid_request", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/v1/subnet/{id}/update_rule",
    operationId: "updateSubnet",
    summary: "Change an IP range",
    description: "Any of the fields, at least one.",
    tag: "subnets",
    action: "subnets.manage",
    pathParams: id("IP range"),
    body: { schema: updateSubnetBody, example: { name: "Branch office (Lyon)" } },
    success: { status: 200, description: "The IP range as it is now.", schema: subnetSchema },
    failures: ["invalid_request", "not_found", "payload_too_large"],
  },
  {
    method: "delete",
    path: "/api/v1/subnet/{id}",
    operationId: "deleteSubnet",
    summary: "Delete an IP range",
    tag: "subnets",
    action: "subnets.manage",
    pathParams: id("IP range"),
    success: { status: 200, description: "The IP range is deleted.", schema: deletedSubnetSchema },
    failures: ["not_found"],
  },

  ...listOperations({ path: "/api/v1/discovery/streams", resource: "DiscoveryStream", plural: "DiscoveryStreams", tag: "discovery", action: "discovery.list", spec: STREAM_SPEC, item: discoveryStreamSchema, post: false }),
  ...listOperations({ path: "/api/v1/discovery/categories", resource: "DiscoveryCategory", plural: "DiscoveryCategories", tag: "discovery", action: "discovery.list", spec: CATEGORY_SPEC, item: discoveryCategorySchema, post: false }),
  {
    method: "post",
    path: "/api/v1/discovery/upload",
    operationId: "uploadDiscoveryLog",
    summary: "Upload a proxy or firewall log",
    description: "Adds the domains the log names to a discovery report.",
    tag: "discovery",
    action: "discovery.manage",
    body: { schema: uploadForm, contentType: "multipart/form-data" },
    success: { status: 200, description: "What the upload added.", schema: discoveryUploadSchema },
    failures: ["invalid_request", "not_found", "payload_too_large"],
  },
  {
    method: "get",
    path: "/api/v1/discovery/block_script",
    operationId: "getBlockScript",
    summary: "A script that blocks the unsanctioned apps",
    tag: "discovery",
    action: "discovery.manage",
    query: blockScriptQuery,
    success: { status: 200, description: "The script, as a text file.", schema: z.string(), contentType: "text/plain", example: "dropbox.com\nwetransfer.com\n" },
    failures: ["invalid_request"],
  },

  ...TOKEN_OPERATIONS,
  ...SERVICE_ACCOUNT_OPERATIONS,
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This OpenAPI document",
    tag: "description",
    action: null,
    success: { status: 200, description: "The OpenAPI 3.1 document of the API.", schema: z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" }) },
    failures: [],
  },
];
