// What the SIEM agents and log collectors sections accept.
import { z } from "zod";
import { expirationChoiceSchema, tokenNameSchema } from "@/lib/tokens/schemas";
import { MAX_GRACE_SECONDS } from "@/lib/tokens/expiry";
import { uuidSchema } from "@/lib/validation/common";

export const INTEGRATION_KINDS = ["SIEM_AGENT", "LOG_COLLECTOR"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const LOG_COLLECTOR_SOURCES = ["Check Point", "Cisco ASA", "Fortinet FortiGate", "Palo Alto Networks", "Squid", "Zscaler", "Generic CEF"] as const;

/** A new integration: a log collector must say which product's logs it uploads; a SIEM agent has no source. */
export const createIntegrationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("SIEM_AGENT"), name: tokenNameSchema, expiration: expirationChoiceSchema.optional() }),
  z.object({
    kind: z.literal("LOG_COLLECTOR"),
    name: tokenNameSchema,
    sourceType: z.enum(LOG_COLLECTOR_SOURCES, { error: "Choose the source of the logs." }),
    expiration: expirationChoiceSchema.optional(),
  }),
]);
export type CreateIntegrationInput = z.input<typeof createIntegrationSchema>;

/** One existing integration, for rotating its token or deleting it. */
export const integrationTargetSchema = z.object({ kind: z.enum(INTEGRATION_KINDS), id: uuidSchema });

export const rotateIntegrationSchema = integrationTargetSchema.extend({ graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS) });
