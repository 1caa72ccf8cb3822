// The audit log export over HTTP, as a browser downloads it: the whole body read as it arrives (gzip
// accepted, as browsers ask), its bytes and lines counted, while the server's memory is watched. Two
// figures for the memory: the kernel's own peak (VmHWM of each process of the server, reset with
// /proc/<pid>/clear_refs right before the download, so nothing is missed between samples) and the
// resident size sampled every 100 ms (VmRSS), both summed over the server's process tree. A stream
// that reads the log page by page as the client takes it keeps both flat whatever the log's size; one
// that builds the body first grows with it. A garbage-collected server's RSS is a sawtooth while it
// streams: it climbs until V8 collects, then falls back to what stays alive. The peak is that headroom;
// what the export keeps shows in the troughs, so the report also gives the lowest RSS of the download's
// last third (after at least one collection, on a long download) against the RSS before. Used by
// bench/run.ts, section 5.
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";

export type ExportDownload = {
  label: string;
  /** Entries the filter matches, counted in the database. */
  entries: number;
  status: number;
  contentType: string;
  contentEncoding: string;
  seconds: number;
  /** When the first byte of the body came: a body built whole before it is sent comes at the end. */
  firstByteSeconds: number;
  /** Bytes received (compressed when the server compressed) and bytes of the file itself. */
  wireBytes: number;
  bytes: number;
  /** Lines of entries (the CSV header not counted). */
  rows: number;
  rowsPerSecond: number;
  memory: { rssBeforeMb: number; sampledPeakRssMb: number; kernelPeakRssMb: number | null; growthMb: number; lastThirdLowestMb: number; retainedMb: number; samples: number; everySecondMb: number[] };
};

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]) ?? []));
  return tree;
}

/** A line of /proc/<pid>/status in bytes (VmRSS, VmHWM), 0 when the process is gone. */
function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resets the kernel's peak resident size of each process (clear_refs 5); false when not allowed. */
function resetPeaks(pids: number[]): boolean {
  try {
    for (const pid of pids) fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export async function downloadExport(label: string, url: string, cookie: string, serverPid: number, entries: number): Promise<ExportDownload> {
  const pids = processTree(serverPid);
  const rss = () => pids.reduce((sum, pid) => sum + statusBytes(pid, "VmRSS"), 0);
  const rssBefore = rss();
  const kernelPeaks = resetPeaks(pids);
  let sampledPeak = rssBefore;
  let samples = 1;
  const everySecond: number[] = [];
  const all: number[] = [];
  const sampler = setInterval(() => {
    const now = rss();
    all.push(now);
    sampledPeak = Math.max(sampledPeak, now);
    if (samples++ % 10 === 0) everySecond.push(mb(now));
  }, 100);
  let firstByte = 0;
  const started = performance.now();
  try {
    const result = await new Promise<Omit<ExportDownload, "label" | "entries" | "seconds" | "firstByteSeconds" | "rowsPerSecond" | "memory">>((resolve, reject) => {
      const request = http.get(url, { headers: { cookie, "accept-encoding": "gzip", connection: "close" } }, (response) => {
        let wireBytes = 0;
        let bytes = 0;
        let lines = 0;
        const encoding = String(response.headers["content-encoding"] ?? "identity");
        response.on("data", (chunk: Buffer) => {
          if (wireBytes === 0) firstByte = performance.now() - started;
          wireBytes += chunk.length;
        });
        const body = encoding === "gzip" ? response.pipe(zlib.createGunzip()) : response;
        (async () => {
          // Read as it arrives: the loop takes the next chunk only after counting this one.
          for await (const chunk of body as AsyncIterable<Buffer>) {
            bytes += chunk.length;
            for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
          }
          const contentType = String(response.headers["content-type"] ?? "");
          resolve({ status: response.statusCode ?? 0, contentType, contentEncoding: encoding, wireBytes, bytes, rows: contentType.startsWith("text/csv") ? Math.max(0, lines - 1) : lines });
        })().catch(reject);
      });
      request.on("error", reject);
    });
    const seconds = (performance.now() - started) / 1000;
    sampledPeak = Math.max(sampledPeak, rss());
    const kernelPeak = kernelPeaks ? pids.reduce((sum, pid) => sum + statusBytes(pid, "VmHWM"), 0) : null;
    const peak = Math.max(sampledPeak, kernelPeak ?? 0);
    const lastThirdLowest = Math.min(...all.slice(Math.floor((all.length * 2) / 3)), rss());
    return {
      label,
      entries,
      ...result,
      seconds: Math.round(seconds * 10) / 10,
      firstByteSeconds: Math.round(firstByte / 100) / 10,
      rowsPerSecond: Math.round(result.rows / seconds),
      memory: { rssBeforeMb: mb(rssBefore), sampledPeakRssMb: mb(sampledPeak), kernelPeakRssMb: kernelPeak === null ? null : mb(kernelPeak), growthMb: mb(peak - rssBefore), lastThirdLowestMb: mb(lastThirdLowest), retainedMb: mb(lastThirdLowest - rssBefore), samples, everySecondMb: everySecond },
    };
  } finally {
    clearInterval(sampler);
  }
}
