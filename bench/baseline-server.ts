// A server that exists only for the benchmark: the same alerts handler, once behind the real API guard
// (withApiAuth) and once with nothing in front, in the same process, so the difference is the guard.
// It is never part of a deployment; nothing in Keyport can switch authentication off.
import http from "node:http";
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readListQuery } from "@/lib/api/list-request";
import { ALERT_SPEC, listAlerts } from "@/lib/resources/alerts";
import { lastUseWriteCount } from "@/lib/tokens/last-use-recorder";
import { cachedTokenCount } from "@/lib/tokens/token-cache";

const tenantId = process.env.BENCH_TENANT_ID!;
const port = Number(process.env.BENCH_BASELINE_PORT);

const listFor = async (request: Request, tenant: string) => listAlerts(tenant, await readListQuery(request, ALERT_SPEC));
const guarded = withApiAuth(async (request, { principal }) => listFor(request, principal.tenant.id), { action: "alerts.list" });
const unguarded = async (request: Request) => Response.json(await listFor(request, tenantId));

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: req.method, headers });
    let response: Response;
    if (url.pathname === "/no-auth/alerts/") response = await unguarded(request);
    else if (url.pathname === "/api/v1/alerts/") response = await guarded(request, { params: Promise.resolve({}) });
    else if (url.pathname === "/stats") response = Response.json({ lastUseWrites: lastUseWriteCount(), cachedTokens: cachedTokenCount() });
    else response = new Response("not found", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, "127.0.0.1", () => console.log(`baseline server on ${port}`));
