// Every endpoint of the public HTTP API (/api/v1/…) with a valid request and the permission-map action that guards it.
// The permission matrix and the happy-path tests both walk this list, so a new endpoint added here is
// checked for every role at once.
import { resourceIdsOf } from "./e2e-data";
import { createSubnet } from "@/lib/resources/subnets";
import type { Action } from "@/lib/permissions";
import { multipart, type CallOptions } from "./api-client";

export type EndpointCase = {
  name: string;
  action: Action;
  /** Builds the request; may create the row it changes, so every call has something to change. */
  request: (tenantId: string) => Promise<{ path: string } & CallOptions>;
};

const ids = (tenantId: string) => resourceIdsOf(tenantId);
const freshSubnet = async (tenantId: string) =>
  (await createSubnet({ tenantId, userId: null, label: "e2e", role: null }, { name: `Matrix ${Math.random().toString(36).slice(2, 8)}`, category: 6, subnets: ["198.18.0.0/15"] }))._id;

export const ENDPOINTS: EndpointCase[] = [
  { name: "GET whoami", action: "whoami", request: async () => ({ path: "/api/v1/whoami/" }) },
  { name: "GET alerts", action: "alerts.list", request: async () => ({ path: "/api/v1/alerts/?limit=5" }) },
  { name: "POST alerts (filters)", action: "alerts.list", request: async () => ({ path: "/api/v1/alerts/", body: { filters: { severity: { eq: [2] } }, limit: 5 } }) },
  { name: "GET alert", action: "alerts.list", request: async (t) => ({ path: `/api/v1/alerts/${(await ids(t)).alertId}/` }) },
  { name: "POST alert read", action: "alerts.markRead", request: async (t) => ({ path: `/api/v1/alerts/${(await ids(t)).alertId}/read/`, method: "POST" }) },
  { name: "POST alert unread", action: "alerts.markRead", request: async (t) => ({ path: `/api/v1/alerts/${(await ids(t)).alertId}/unread/`, method: "POST" }) },
  ...(["close_benign", "close_false_positive", "close_true_positive"] as const).map((endpoint) => ({
    name: `POST alerts ${endpoint}`,
    action: "alerts.close" as const,
    request: async (t: string) => ({ path: `/api/v1/alerts/${endpoint}/`, body: { filters: { id: { eq: [(await ids(t)).openAlertIds[0] ?? "none"] } }, comment: "matrix" } }),
  })),
  { name: "GET activities", action: "activities.list", request: async () => ({ path: "/api/v1/activities/?limit=5" }) },
  { name: "POST activities (filters)", action: "activities.list", request: async () => ({ path: "/api/v1/activities/", body: { filters: { "activity.eventType": { eq: "Log on" } }, limit: 5 } }) },
  { name: "GET activity", action: "activities.list", request: async (t) => ({ path: `/api/v1/activities/${(await ids(t)).activityId}/` }) },
  { name: "POST activity feedback", action: "activities.feedback", request: async (t) => ({ path: `/api/v1/activities/${(await ids(t)).activityId}/feedback/`, body: { feedback: "legitimate" } }) },
  { name: "GET entities", action: "entities.list", request: async () => ({ path: "/api/v1/entities/?limit=5" }) },
  { name: "POST entities (filters)", action: "entities.list", request: async () => ({ path: "/api/v1/entities/", body: { filters: { type: { eq: ["user"] } } } }) },
  { name: "GET entity", action: "entities.list", request: async (t) => ({ path: `/api/v1/entities/${(await ids(t)).userEntityId}/` }) },
  { name: "POST entity tree", action: "entities.list", request: async (t) => ({ path: "/api/v1/entities/tree/", body: { id: (await ids(t)).userEntityId } }) },
  { name: "GET subnets", action: "subnets.list", request: async () => ({ path: "/api/v1/subnet/" }) },
  { name: "POST subnets (filters)", action: "subnets.list", request: async () => ({ path: "/api/v1/subnet/", body: { filters: { category: { eq: [1] } } } }) },
  { name: "POST subnet create_rule", action: "subnets.manage", request: async () => ({ path: "/api/v1/subnet/create_rule/", body: { name: "Matrix range", category: 1, subnets: ["10.99.0.0/16"] } }) },
  { name: "POST subnet update_rule", action: "subnets.manage", request: async (t) => ({ path: `/api/v1/subnet/${await freshSubnet(t)}/update_rule/`, body: { name: "Renamed" } }) },
  { name: "DELETE subnet", action: "subnets.manage", request: async (t) => ({ path: `/api/v1/subnet/${await freshSubnet(t)}/`, method: "DELETE" }) },
  { name: "GET discovery streams", action: "discovery.list", request: async () => ({ path: "/api/v1/discovery/streams/" }) },
  { name: "GET discovery categories", action: "discovery.list", request: async () => ({ path: "/api/v1/discovery/categories/" }) },
  {
    name: "POST discovery upload",
    action: "discovery.manage",
    request: async () => {
      const { body, contentType } = multipart({ file: { fileName: "proxy.log", content: "GET https://dropbox.com/upload 200\n" }, source: "generic" });
      return { path: "/api/v1/discovery/upload/", method: "POST", body, contentType };
    },
  },
  { name: "GET discovery block_script", action: "discovery.manage", request: async () => ({ path: "/api/v1/discovery/block_script/?format=plain" }) },
];
