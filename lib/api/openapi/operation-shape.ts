// The shape of one operation of the HTTP API as lib/api/openapi/ describes it, and its tags.
import { z } from "zod";
import type { Action } from "@/lib/permissions";

export const TAGS = {
  identity: { name: "Identity", description: "Who the credential acts as and what it may do." },
  alerts: { name: "Alerts", description: "List, read and close alerts." },
  activities: { name: "Activities", description: "Activities and analysts' feedback on them." },
  entities: { name: "Entities", description: "Users, their accounts and IP addresses." },
  subnets: { name: "IP ranges", description: "Named IP ranges (\"subnets\")." },
  discovery: { name: "Cloud Discovery", description: "Discovery reports, log uploads and block scripts." },
  tokens: { name: "API tokens", description: "List, make, revoke and rotate API tokens." },
  serviceAccounts: { name: "Service accounts", description: "Identities that are not people, and their tokens." },
  credentials: { name: "Leaked credentials", description: "Report leaked credentials, without authentication." },
  description: { name: "API description", description: "This document." },
} as const;
export type Tag = keyof typeof TAGS;

/** Refusals an operation can give besides the guard's (401, 403, 429, 503). */
export type Failure = "invalid_request" | "not_found" | "conflict" | "payload_too_large";

export type Operation = {
  method: "get" | "post" | "delete";
  /** Without a trailing slash (the routes answer with one too, as the contract writes them). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  /** The permission-map action the guard checks; null: no authentication. */
  action: Action | null;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentType?: "application/json" | "multipart/form-data"; required?: boolean; example?: unknown };
  success: { status: 200 | 201 | 202; description: string; schema: z.ZodType; contentType?: "application/json" | "text/plain"; example?: unknown };
  failures: Failure[];
};

/** The path parameter `id` of an operation on one `what`. */
export const pathId = (what: string) => z.object({ id: z.string().min(1).meta({ description: `The ${what}'s id.` }) });
