// What the audit log accepts: its filters (actor, activity, target, date range) and its page cursor,
// as they stand in the page URL and in the export's query string.
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/common";

export const AUDIT_PAGE_SIZE = 50;
export const TARGET_FILTER_MAX = 200;

/** A whole day, YYYY-MM-DD, read in UTC. */
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-01-31.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "That date does not exist.");

/** Where the page starts: just older (`before`) or just newer (`after`) than an entry. Opaque to the browser. */
const cursorSchema = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "The page cursor is not valid.");

const filterShape = {
  /** A user's email (or id), or "system" for entries no user made (applications, Keyport itself). */
  actor: z
    .string()
    .trim()
    .max(254, "An actor is an email of at most 254 characters.")
    .refine((value) => value.toLowerCase() === "system" || value.includes("@") || uuidSchema.safeParse(value).success, "Enter a user's email, or system.")
    .optional(),
  action: z.string().max(100).regex(/^[A-Za-z0-9._-]+$/, "Choose an activity from the list.").optional(),
  /** A target's id or its exact name (a token's name, a user's email). */
  target: z.string().trim().max(TARGET_FILTER_MAX, `A target is at most ${TARGET_FILTER_MAX} characters.`).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
};

const fromBeforeTo = (value: { from?: string; to?: string }) => !value.from || !value.to || value.from <= value.to;
const FROM_AFTER_TO = { message: "The start date is after the end date.", path: ["to"] };

export const auditLogFilterSchema = z.object(filterShape).refine(fromBeforeTo, FROM_AFTER_TO);
export type AuditLogFilter = z.infer<typeof auditLogFilterSchema>;

export const auditLogPageSchema = z
  .object({ ...filterShape, before: cursorSchema.optional(), after: cursorSchema.optional() })
  .refine(fromBeforeTo, FROM_AFTER_TO)
  .refine((value) => !(value.before && value.after), { message: "A page starts before or after an entry, not both.", path: ["after"] });
export type AuditLogPageQuery = z.infer<typeof auditLogPageSchema>;

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const auditLogExportSchema = z
  .object({ ...filterShape, format: z.enum(EXPORT_FORMATS, { error: "The format is csv or jsonl." }) })
  .refine(fromBeforeTo, FROM_AFTER_TO);

/** The first value of each parameter; empty ones count as absent (an empty filter field filters nothing). */
export function firstValues(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries: [string, string][] =
    params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).flatMap(([key, value]) => (Array.isArray(value) ? value.slice(0, 1) : value === undefined ? [] : [value]).map((item): [string, string] => [key, item]));
  const result: Record<string, string> = {};
  for (const [key, value] of entries) if (!Object.hasOwn(result, key) && value.trim() !== "") result[key] = value;
  return result;
}

/**
 * The page's query from its URL. A value that cannot be read is dropped (the log shows unfiltered by
 * it) and named in `problems`, so the page says what it ignored instead of failing.
 */
export function readAuditLogPageQuery(params: Record<string, string | string[] | undefined>): { query: AuditLogPageQuery; problems: Record<string, string> } {
  const candidate = firstValues(params);
  const problems: Record<string, string> = {};
  for (let round = 0; round < 8; round++) {
    const parsed = auditLogPageSchema.safeParse(candidate);
    if (parsed.success) return { query: parsed.data, problems };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      problems[key] ??= issue.message;
      delete candidate[key];
    }
  }
  return { query: {}, problems };
}

/** The filters of a query, without its cursor: what a filter link or the export keeps. */
export function filterOf(query: AuditLogFilter): AuditLogFilter {
  const { actor, action, target, from, to } = query;
  return Object.fromEntries(Object.entries({ actor, action, target, from, to }).filter(([, value]) => value !== undefined && value !== "")) as AuditLogFilter;
}

