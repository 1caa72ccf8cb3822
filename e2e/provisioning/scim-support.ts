// What the SCIM specs share: the tenant's secret token made as the Provisioning page makes it, a SCIM
// client speaking through Playwright's request context (optionally pinned to one instance of the
// PostgreSQL run), and the single sign-on group mapping written as the Single sign-on page saves it.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { db } from "@/lib/db/client";
import { generateScimSecret } from "@/lib/scim/secret-token";
import { assertE2eDatabase } from "../support/e2e-data";
import type { FreshTenant } from "../support/fixtures";
import { PIN_HEADER } from "../support/round-robin-proxy";

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export async function scimSecretOf(tenant: FreshTenant): Promise<string> {
  assertE2eDatabase();
  const { value } = await generateScimSecret({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: "GLOBAL_ADMIN" });
  return value;
}

export type ScimAnswer = { status: number; json: any; headers: Record<string, string> };

export type ScimClient = {
  get(path: string): Promise<ScimAnswer>;
  post(path: string, body: unknown): Promise<ScimAnswer>;
  put(path: string, body: unknown): Promise<ScimAnswer>;
  patch(path: string, body: unknown): Promise<ScimAnswer>;
  delete(path: string): Promise<ScimAnswer>;
};

async function answerOf(response: APIResponse): Promise<ScimAnswer> {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { notJson: text.slice(0, 200) };
  }
  return { status: response.status(), json, headers: response.headers() };
}

/** A SCIM client with the bearer token, as Entra ID and Okta call: `application/scim+json` bodies. */
export function scimClient(request: APIRequestContext, token: string | null, options: { instance?: number } = {}): ScimClient {
  const headers: Record<string, string> = { accept: "application/scim+json", "content-type": "application/scim+json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.instance !== undefined) headers[PIN_HEADER] = String(options.instance);
  const send = async (method: string, path: string, body?: unknown) =>
    answerOf(await request.fetch(`/scim/v2${path}`, { method, headers, data: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) }));
  return {
    get: (path) => send("GET", path),
    post: (path, body) => send("POST", path, body),
    put: (path, body) => send("PUT", path, body),
    patch: (path, body) => send("PATCH", path, body),
    delete: (path) => send("DELETE", path),
  };
}

/** The groups named on the tenant's Single sign-on page, as that page saves them. */
export async function mapRoleGroups(tenantId: string, groups: { adminGroup?: string; operatorGroup?: string; readerGroup?: string; defaultRole?: string }): Promise<void> {
  assertE2eDatabase();
  const data = { adminGroup: groups.adminGroup ?? null, operatorGroup: groups.operatorGroup ?? null, readerGroup: groups.readerGroup ?? null, defaultRole: groups.defaultRole ?? "NONE" };
  await db.singleSignOn.upsert({ where: { tenantId }, create: { tenantId, issuerUrl: "https://login.microsoftonline.com/e2e/v2.0", clientId: "e2e", sealedClientSecret: "e2e", ...data }, update: data });
}

export const filterQuery = (filter: string, extra = "") => `?filter=${encodeURIComponent(filter)}${extra}`;
