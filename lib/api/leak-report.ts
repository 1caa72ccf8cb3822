// `POST /api/v1/credentials/revoke`: the leaked-credential report, the one API endpoint without
// authentication (whoever holds a leaked value may report it). It answers 202 {"status": "accepted"}
// whether or not anything was revoked, so it cannot be used to test values. Each client IP may report
// KEYPORT_LEAK_REPORTS_PER_MINUTE times a minute (default 60; counted for the whole deployment), and is
// refused before its body is read once over that.
//
// Many addresses together could still keep the database busy with full reports, so the work itself has
// a budget for the whole deployment: KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE well-formed values a minute
// from all reporters together (default 10 000), counted across instances like every other limit. A
// report that would go over it is refused (429 with Retry-After) before any look-up. Values that are
// not well-formed cost nothing and count for nothing; a value named twice counts once.
import { AppError } from "@/lib/errors";
import { apiErrorResponse } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { createLimiter } from "@/lib/rate-limit/limiters";
import { clientIpOf } from "@/lib/http/client-ip";
import { reportCost, revokeReportedCredentials, sortReportedValues } from "@/lib/tokens/report-leaked-credentials";
import { leakReportBodySchema } from "@/lib/tokens/schemas";
import { config } from "@/lib/config";

export function leakReportsPerMinute(): number {
  return config.leakReportsPerMinute;
}

/** Set it to 1000 (one full report) or more: below that, the largest reports could never pass. */
export function leakReportValuesPerMinute(): number {
  return config.leakReportValuesPerMinute;
}

/** The one key of the deployment-wide budget: every reporter draws on it. */
const DEPLOYMENT = "deployment";

const ACCEPTED = { status: "accepted" } as const;

export async function handleLeakReport(request: Request): Promise<Response> {
  try {
    const ip = clientIpOf(request.headers);
    // A request that passed through no front has no client IP: such requests share one count (fail closed).
    const verdict = await createLimiter({ keyPrefix: "leak-reports", points: leakReportsPerMinute(), duration: 60 }).consume(ip ?? "unknown");
    if (!verdict.allowed) {
      throw new AppError("rate_limited", `Too many reports from this address: try again in ${verdict.retryAfterSeconds} s.`, {
        headers: { "Retry-After": String(verdict.retryAfterSeconds) },
      });
    }
    const { credentials } = await readJsonObject(request, leakReportBodySchema);
    const sorted = sortReportedValues(credentials);
    const cost = reportCost(sorted);
    if (cost > 0) {
      const budget = await createLimiter({ keyPrefix: "leak-report-values", points: leakReportValuesPerMinute(), duration: 60 }).consume(DEPLOYMENT, cost);
      if (!budget.allowed) {
        throw new AppError("rate_limited", `Too many leaked credentials are being reported right now: try again in ${budget.retryAfterSeconds} s.`, {
          headers: { "Retry-After": String(budget.retryAfterSeconds) },
        });
      }
    }
    await revokeReportedCredentials(sorted, { ip });
    return Response.json(ACCEPTED, { status: 202 });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
