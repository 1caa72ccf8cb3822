// What the token pages and the token API accept: a token's name, the table's state in the URL, the
// inputs of the server actions, and the API's request bodies (lib/ functions take the parsed values).
import { z } from "zod";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";
import { uuidSchema } from "@/lib/validation/common";
import { MAX_GRACE_SECONDS, MAX_LIFETIME_DAYS, type ExpirationChoice } from "@/lib/tokens/expiry";
import { splitRangesText } from "@/lib/tokens/ip-allowlist";
import type { NewApiTokenInput } from "@/lib/tokens/create-api-token";

export const TOKEN_NAME_MAX = 100;

export const tokenNameSchema = z
  .string({ error: "Enter a name for the token." })
  .trim()
  .min(1, "Enter a name for the token.")
  .max(TOKEN_NAME_MAX, `The name can be at most ${TOKEN_NAME_MAX} characters.`);

export const TOKEN_DESCRIPTION_MAX = 500;

/** A token's optional description: what uses it and why; blank is none. */
export const tokenDescriptionSchema = z
  .string({ error: "The description is text." })
  .trim()
  .max(TOKEN_DESCRIPTION_MAX, `The description can be at most ${TOKEN_DESCRIPTION_MAX} characters.`);

export const TOKEN_SORT_FIELDS = ["name", "generatedBy", "createdAt", "lastUsedAt"] as const;

export const TOKEN_PAGE_SIZE = 25;

/** The most tokens "Revoke selected" takes at once (four pages of the table). */
export const MAX_BULK_REVOKE = 100;

/** Whose tokens a full admin's table shows: everybody's, people's own, or service accounts'. */
export const TOKEN_OWNER_FILTERS = ["all", "people", "service-accounts"] as const;
export type TokenOwnerFilter = (typeof TOKEN_OWNER_FILTERS)[number];

/** The token table's state as it stands in the page URL. Anything unreadable falls back to the default. */
export const tokenTableQuerySchema = z.object({
  status: z.enum(["All", ...TOKEN_STATUSES]).catch("All"),
  owner: z.enum(TOKEN_OWNER_FILTERS).catch("all"),
  q: z.string().trim().max(TOKEN_NAME_MAX).catch(""),
  sort: z.enum(TOKEN_SORT_FIELDS).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TokenTableQuery = z.infer<typeof tokenTableQuerySchema>;

const lifetimeDays = z
  .number({ error: "Choose an expiration." })
  .int("Choose an expiration.")
  .min(1, `A token's lifetime is 1 to ${MAX_LIFETIME_DAYS} days.`)
  .max(MAX_LIFETIME_DAYS, `A token's lifetime is 1 to ${MAX_LIFETIME_DAYS} days.`);

/** The dialog's "Expiration": a number of days, a date in the chooser's time zone, or never. */
export const expirationChoiceSchema: z.ZodType<ExpirationChoice> = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("days"), days: lifetimeDays }),
    z.object({ kind: z.literal("date"), date: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD."), timeZone: z.string().min(1).max(100) }),
    z.object({ kind: z.literal("never") }),
  ],
  { error: "Choose an expiration." },
);

/** "Allowed IP ranges": the box's text (comma, space or newline separated) or a list. */
const allowedIpsInput = z
  .union([z.string().max(20_000, "That is too much text for a list of IP ranges."), z.array(z.string().max(100)).max(200, "A token can have at most 50 allowed IP ranges.")])
  .transform((value) => (typeof value === "string" ? splitRangesText(value) : value));

export const generateApiTokenSchema = z.object({
  name: tokenNameSchema,
  description: tokenDescriptionSchema.optional(),
  expiration: expirationChoiceSchema.optional(),
  scopes: z.array(z.string().max(40)).max(20).optional(),
  allowedIps: allowedIpsInput.optional(),
});

export const revokeApiTokenSchema = z.object({ tokenId: uuidSchema });

export const revokeApiTokensSchema = z.object({ tokenIds: z.array(uuidSchema).min(1, "Select at least one token.").max(MAX_BULK_REVOKE) });

const graceSeconds = z.number().int().min(0).max(MAX_GRACE_SECONDS, "The grace period is at most 7 days.");

/** Omitted: a fresh lifetime of the token's own length; given: the new expiry, within the tenant's maximum. */
export const rotateApiTokenSchema = z.object({ tokenId: uuidSchema, graceSeconds, expiration: expirationChoiceSchema.optional() });

/** The generate dialog's check of a name while it is typed: a name already used is pointed out, not refused. */
export const tokenNameInUseSchema = z.object({ name: z.string().trim().max(TOKEN_NAME_MAX * 2) });

export const revokeAllTokensOfUserSchema = z.object({ userId: uuidSchema });

export const tokenPolicySchema = z.object({
  maxLifetimeDays: z.union([z.null(), z.literal(30), z.literal(90), z.literal(365)], { error: "Choose a maximum lifetime." }),
});

// ---- Bodies of the token API ----

/** `POST /api/v1/tokens/`: {"name", "expiresInDays"?: 1–3650 or null, "scopes"?, "allowedIps"?}. */
export const createTokenBodySchema = z.strictObject({
  name: tokenNameSchema,
  description: tokenDescriptionSchema.nullable().optional(),
  expiresInDays: lifetimeDays.nullable().optional(),
  scopes: z.array(z.string().max(40)).max(20).optional(),
  allowedIps: z.array(z.string().max(100)).max(200).optional(),
});

/** The create body as createApiToken's input: omitted expiresInDays takes the default, null never expires. */
export function newApiTokenInputOf(body: z.output<typeof createTokenBodySchema>): NewApiTokenInput {
  return {
    name: body.name,
    description: body.description || null,
    expiration: body.expiresInDays === undefined ? undefined : body.expiresInDays === null ? { kind: "never" } : { kind: "days", days: body.expiresInDays },
    scopes: body.scopes,
    allowedIps: body.allowedIps,
  };
}

/** `POST /api/v1/tokens/{id}/rotate/` and `self/rotate/`: {"gracePeriodSeconds": 0–604800}, 0 when omitted. */
export const rotateTokenBodySchema = z.strictObject({ gracePeriodSeconds: graceSeconds.optional().default(0) });

/**
 * `POST /api/v1/tokens/{id}/rotate/`: also {"expiresInDays": 1–3650 or null}, a new lifetime from now
 * (null: no expiration), checked against the tenant's maximum; omitted: a fresh lifetime of the same length.
 */
export const rotateTokenByIdBodySchema = z.strictObject({
  gracePeriodSeconds: graceSeconds.optional().default(0),
  expiresInDays: lifetimeDays.nullable().optional(),
});

/** A rotation body's expiresInDays as an expiration choice; undefined keeps the token's own length. */
export function rotationExpirationOf(expiresInDays: number | null | undefined): ExpirationChoice | undefined {
  return expiresInDays === undefined ? undefined : expiresInDays === null ? { kind: "never" } : { kind: "days", days: expiresInDays };
}

/** `GET /api/v1/tokens/?status=`: the one query parameter the token list has beyond the list contract's. */
export const tokenListStatusSchema = z.enum(["generated", "active", "inactive", "expired"], { error: "status is one of generated, active, inactive, expired" }).optional();

/** The most credentials one leak report may name. */
export const MAX_REPORTED_CREDENTIALS = 1000;

/**
 * `POST /api/v1/credentials/revoke`: {"credentials": [1–1000 strings]}. The shape only: whether a string
 * is a credential at all is decided later, and never told.
 */
export const leakReportBodySchema = z.strictObject({
  credentials: z
    .array(z.string({ error: "each credential is a string" }).max(500, "a credential is at most 500 characters"), { error: "credentials is a list of strings" })
    .min(1, "name at least one credential")
    .max(MAX_REPORTED_CREDENTIALS, `name at most ${MAX_REPORTED_CREDENTIALS} credentials per report`),
});
