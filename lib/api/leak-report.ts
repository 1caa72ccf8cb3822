// `POST /api/v1/credentials/revoke`: the leaked-credential report, the one API endpoint without
// authentication (whoever holds a leaked value may report it). It answers 202 {"status": "accepted"}
// whether or not anything was revoked, so it cannot be used to test values. Each client IP may report
// KEYPORT_LEAK_REPORTS_PER_MINUTE times a minute (default 60; counted for the whole deployment), and is
// refused before its body is read once over that.
import { AppError } from "@/lib/errors";
import { apiErrorResponse } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { createLimiter } from "@/lib/db/rate-limiters";
import { clientIpOf } from "@/lib/http/client-ip";
import { reportLeakedCredentials } from "@/lib/tokens/report-leaked-credentials";
import { leakReportBodySchema } from "@/lib/tokens/schemas";

export const DEFAULT_LEAK_REPORTS_PER_MINUTE = 60;

export function leakReportsPerMinute(): number {
  const configured = Number(process.env.KEYPORT_LEAK_REPORTS_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_LEAK_REPORTS_PER_MINUTE;
}

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
    await reportLeakedCredentials(credentials, { ip });
    return Response.json(ACCEPTED, { status: 202 });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
