// What cheap-to-send work costs everyone else, as figures (never a pass/fail timer):
//   a. the alerts list's latency, quiet and while 8 client addresses send 240 leak reports of 1000
//      well-formed values each (as fast as each address's answers come back);
//   b. a small read's and a small write's latency, quiet and while 4 uploads of a 10 MiB log (5000
//      domains each) run in parallel.
// Run against a production server that believes X-Forwarded-For from this machine, so the reports come
// from addresses of their own; the server's limits are its defaults (the reports beyond the
// deployment's budget of values are refused, as they would be).
import { newTokenValue } from "@/lib/tokens/token-format";

export type Latency = { requests: number; p50Ms: number; p99Ms: number; maxMs: number };
export type PressureReport = {
  leakReports: { quiet: Latency; underReports: Latency; reports: number; statuses: Record<string, number>; seconds: number };
  uploads: { quietRead: Latency; quietWrite: Latency; read: Latency; write: Latency; uploads: number; bytesEach: number; statuses: Record<string, number>; seconds: number };
  /** The timed calls (not the reports and uploads themselves) that were not answered 2xx or 3xx, by status. */
  timedRefusals: Record<string, number>;
};

const MiB = 1024 * 1024;
const round = (value: number) => Math.round(value * 10) / 10;

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { requests: sorted.length, p50Ms: round(at(50)), p99Ms: round(at(99)), maxMs: round(sorted[sorted.length - 1] ?? 0) };
}

// Answers other than 2xx/3xx of the timed calls, by status: reported beside the figures (a loaded machine's
// 503 is a finding, not a reason to lose the rest of the run).
const refusals: Record<string, number> = {};

async function timed(url: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (response.status >= 400) refusals[String(response.status)] = (refusals[String(response.status)] ?? 0) + 1;
  return performance.now() - started;
}

/** Calls `sample` one after the other until `done` resolves; the times of each. */
async function sampleWhile(done: Promise<unknown>, sample: () => Promise<number>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const times: number[] = [];
  while (!finished) times.push(await sample());
  return times;
}

function logOf(suffix: string, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; ; index++) {
    const line = `2026-11-20T10:${String(index % 60).padStart(2, "0")}:00Z 10.0.${index % 250}.${index % 200} GET https://www.app-${index % 5000}.${suffix}.example/path/${index} 200 ${index}`;
    if (size + line.length + 1 > bytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

export async function measurePressure(base: string, token: string, alertId: string): Promise<PressureReport> {
  const auth = { authorization: `Token ${token}` };
  const alerts = () => timed(`${base}/api/v1/alerts/?limit=10`, { headers: auth });
  const smallRead = () => timed(`${base}/api/v1/alerts/?limit=1`, { headers: auth });
  let flip = false;
  const smallWrite = () => timed(`${base}/api/v1/alerts/${alertId}/${(flip = !flip) ? "read" : "unread"}/`, { method: "POST", headers: auth });
  for (let index = 0; index < 20; index++) await alerts(); // JIT, caches

  // a. Leak reports.
  const quiet: number[] = [];
  for (let index = 0; index < 200; index++) quiet.push(await alerts());
  const ADDRESSES = 8;
  const PER_ADDRESS = 30;
  const bodies = Array.from({ length: ADDRESSES * PER_ADDRESS }, () => JSON.stringify({ credentials: Array.from({ length: 1000 }, () => newTokenValue("API_TOKEN")) }));
  const statuses: Record<string, number> = {};
  const reportsStarted = performance.now();
  const reporting = Promise.all(
    Array.from({ length: ADDRESSES }, async (_, address) => {
      for (let index = 0; index < PER_ADDRESS; index++) {
        // A connection each: a refusal may close its connection before the body is read.
        const status = await fetch(`${base}/api/v1/credentials/revoke`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${address + 1}`, connection: "close" },
          body: bodies[address * PER_ADDRESS + index],
        }).then(
          async (response) => (await response.arrayBuffer(), String(response.status)),
          () => "connection closed",
        );
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const underReports = await sampleWhile(reporting, alerts);
  const reportSeconds = (performance.now() - reportsStarted) / 1000;

  // b. Four parallel 10 MiB uploads.
  const quietRead: number[] = [];
  const quietWrite: number[] = [];
  for (let index = 0; index < 100; index++) {
    quietRead.push(await smallRead());
    quietWrite.push(await smallWrite());
  }
  const UPLOADS = 4;
  const bytesEach = 10 * MiB - 4096;
  const forms = Array.from({ length: UPLOADS }, (_, index) => {
    const form = new FormData();
    form.append("file", new Blob([logOf(`u${index}x${Date.now().toString(36)}`, bytesEach)]), `proxy-${index}.log`);
    return form;
  });
  const uploadStatuses: Record<string, number> = {};
  const uploadsStarted = performance.now();
  const uploading = Promise.all(
    forms.map(async (form) => {
      const status = await fetch(`${base}/api/v1/discovery/upload/`, { method: "POST", headers: { ...auth, connection: "close" }, body: form }).then(
        async (response) => (await response.arrayBuffer(), String(response.status)),
        () => "connection closed",
      );
      uploadStatuses[status] = (uploadStatuses[status] ?? 0) + 1;
    }),
  );
  const read: number[] = [];
  const write: number[] = [];
  await sampleWhile(uploading, async () => {
    read.push(await smallRead());
    write.push(await smallWrite());
    return 0;
  });
  const uploadSeconds = (performance.now() - uploadsStarted) / 1000;

  return {
    leakReports: { quiet: latency(quiet), underReports: latency(underReports), reports: bodies.length, statuses, seconds: round(reportSeconds) },
    uploads: { quietRead: latency(quietRead), quietWrite: latency(quietWrite), read: latency(read), write: latency(write), uploads: UPLOADS, bytesEach, statuses: uploadStatuses, seconds: round(uploadSeconds) },
    timedRefusals: { ...refusals },
  };
}

export function pressureSection(report: PressureReport, number: number): string {
  const line = (label: string, figure: Latency) => `  ${label.padEnd(52)} p50 ${String(figure.p50Ms).padStart(7)} ms   p99 ${String(figure.p99Ms).padStart(7)} ms   max ${String(figure.maxMs).padStart(7)} ms   (${figure.requests} calls)`;
  const { leakReports, uploads } = report;
  return `${number}. Cheap to send, dear to serve? (figures; the targets: the alerts list stays near its quiet latency; no request waits 250 ms for an upload)
${line("alerts?limit=10, quiet", leakReports.quiet)}
${line(`alerts?limit=10 during ${leakReports.reports} leak reports of 1000 values`, leakReports.underReports)}
     reports from 8 addresses in ${leakReports.seconds} s, answers ${JSON.stringify(leakReports.statuses)} (429: over the deployment's budget of values)
${line("small read (alerts?limit=1), quiet", uploads.quietRead)}
${line("small write (mark an alert read), quiet", uploads.quietWrite)}
${line(`small read during ${uploads.uploads} parallel ${Math.round(uploads.bytesEach / MiB)} MiB uploads`, uploads.read)}
${line(`small write during ${uploads.uploads} parallel ${Math.round(uploads.bytesEach / MiB)} MiB uploads`, uploads.write)}
     uploads answered ${JSON.stringify(uploads.statuses)} in ${uploads.seconds} s
     timed calls not answered 2xx: ${Object.keys(report.timedRefusals).length === 0 ? "none" : JSON.stringify(report.timedRefusals)}
`;
}
