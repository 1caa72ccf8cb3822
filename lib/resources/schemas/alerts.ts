// What clients may send about alerts: the close body of the API, and the portal page's URL state.
import { z } from "zod";

export const CLOSE_REASONS = ["benign", "false_positive", "true_positive"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** POST /api/v1/alerts/close_<reason>/ */
export const closeAlertsBody = z
  .object({
    filters: z.record(z.string(), z.record(z.string(), z.unknown())),
    comment: z.string().max(2000).optional(),
    // Accepted for compatibility with the product's API; the reason is the endpoint itself.
    reasonId: z.number().int().optional(),
    sendFeedback: z.boolean().optional(),
    feedbackText: z.string().max(2000).optional(),
    allowContact: z.boolean().optional(),
    contactEmail: z.string().max(320).optional(),
  })
  .strict();
export type CloseAlertsInput = z.infer<typeof closeAlertsBody>;

/** The alerts page's sortable columns: each is one of the API's sort fields. */
export const ALERT_PAGE_SORTS = ["date", "severity", "resolutionStatus"] as const;

/** The alerts page's state as it stands in the URL; anything unreadable falls back to the default. */
export const alertsPageQuery = z.object({
  state: z.enum(["open", "closed", "all"]).catch("open"),
  severity: z.enum(["all", "0", "1", "2"]).catch("all"),
  sort: z.enum(ALERT_PAGE_SORTS).catch("date"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AlertsPageQuery = z.infer<typeof alertsPageQuery>;

/** An alert's id as the API shows it (24 hex characters); anything else is "no such alert". */
export const alertIdSchema = z.string().regex(/^[0-9a-f]{24}$/, "No alert with this id in this tenant.");

/** Closing one alert from the portal: the same three reasons as the API's close endpoints. */
export const closeAlertInput = z.object({
  alertId: alertIdSchema,
  reason: z.enum(CLOSE_REASONS, { error: "Choose why the alert is closed." }),
  comment: z.string().trim().max(2000, "A comment is at most 2000 characters.").optional(),
});
