// The load generator, in its own process: autocannon against one URL at a fixed concurrency.
// Input (argv[2], JSON): url, connections, durationSeconds or amount (a number of requests),
// authorizations (rotated per request), optionally overallRate (requests a second, all connections).
// Output (stdout, JSON): requests/s, latency percentiles (ms), status counts.
import autocannon from "autocannon";

type Input = { url: string; connections: number; durationSeconds?: number; amount?: number; overallRate?: number; authorizations: string[] };
const input = JSON.parse(process.argv[2]) as Input;
let next = 0;

const instance = autocannon(
  {
    url: input.url,
    connections: input.connections,
    ...(input.amount ? { amount: input.amount } : { duration: input.durationSeconds }),
    ...(input.overallRate ? { overallRate: input.overallRate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const authorization = input.authorizations.length ? input.authorizations[next++ % input.authorizations.length] : undefined;
          return authorization ? { ...request, headers: { ...request.headers, authorization } } : request;
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const statuses: Record<string, number> = {};
    for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx"] as const) if (result[key]) statuses[key] = result[key];
    process.stdout.write(
      JSON.stringify({
        requestsPerSecond: result.requests.average,
        total: result.requests.total,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average },
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
      }),
    );
  },
);
process.on("SIGINT", () => instance.stop());
