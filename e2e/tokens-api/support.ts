// Set-up for the tokens-API stories: tokens made through lib/ as the portal would, and the token object's
// shape (the schema the API's answers are checked against).
import { z } from "zod";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { generateToken } from "@/lib/tokens/generate-token";
import { SCOPES, type Scope } from "@/lib/permissions";
import type { ExpirationChoice } from "@/lib/tokens/expiry";
import type { FixtureUser, FreshTenant } from "../support/fixtures";
import { actorOf } from "../token-controls/support";

export const tokenObjectSchema = z.strictObject({
  id: z.string().uuid(),
  name: z.string(),
  createdBy: z.strictObject({ email: z.string() }),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
  lastUsedIp: z.string().nullable(),
  status: z.enum(["generated", "active", "inactive", "expired"]),
  expiresAt: z.number().int().nullable(),
  scopes: z.array(z.enum(SCOPES)).nullable(),
  allowedIps: z.array(z.string()),
  description: z.string().nullable(),
  serviceAccount: z.strictObject({ id: z.string().uuid(), name: z.string() }).nullable(),
});

export const listSchema = z.strictObject({ data: z.array(tokenObjectSchema), hasNext: z.boolean(), total: z.number().int() });

/** A user's API token, as they would make it on the API tokens page. */
export async function tokenOf(tenant: FreshTenant, user: FixtureUser, name: string, options: { scopes?: Scope[]; allowedIps?: string[]; expiration?: ExpirationChoice; description?: string } = {}) {
  return createApiToken(actorOf(tenant, user), { name, scopes: options.scopes, allowedIps: options.allowedIps, expiration: options.expiration, description: options.description });
}

export async function integrationTokenOf(tenant: FreshTenant, kind: "SIEM_AGENT" | "LOG_COLLECTOR", name: string) {
  return generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind, name });
}

export const DAY_MS = 24 * 3600 * 1000;
