// Pulls the domains out of a traffic log, whatever its appliance: every URL's host, and every bare
// token that looks like a host name. Only [a-z0-9.-] survives, so the names are safe in scripts.
const URL_HOST = /\bhttps?:\/\/([a-z0-9.-]+)/gi;
const BARE_HOST = /(?:^|[\s,;"'=])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?=$|[\s,;"':/])/gi;

export const MAX_DOMAINS_PER_UPLOAD = 5000;
/**
 * Lines read between two turns of the event loop by countDomainsInSlices: a 10 MiB log is about a
 * second of regular expressions, which must not hold every other request of the process meanwhile.
 */
export const LINES_PER_SLICE = 1000;

/** A plain host name: labels of letters, digits and inner dashes. */
export const SAFE_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export type DomainCount = { lineCount: number; domains: Map<string, number> };

function countLine(line: string, count: DomainCount): void {
  if (!line.trim()) return;
  count.lineCount++;
  const seen = new Set<string>();
  for (const match of line.matchAll(URL_HOST)) seen.add(match[1].toLowerCase());
  for (const match of line.matchAll(BARE_HOST)) seen.add(match[1].toLowerCase());
  for (const raw of seen) {
    const domain = raw.replace(/^www\./, "").replace(/\.$/, "");
    if (!SAFE_DOMAIN.test(domain) || /^[\d.]+$/.test(domain) || domain.length > 253) continue;
    if (!count.domains.has(domain) && count.domains.size >= MAX_DOMAINS_PER_UPLOAD) continue;
    count.domains.set(domain, (count.domains.get(domain) ?? 0) + 1);
  }
}

/** Counts lines from `start` until `lines` more are read or the text ends; returns where it stopped. */
function countLines(text: string, start: number, lines: number, count: DomainCount): number {
  let position = start;
  for (let read = 0; read < lines && position <= text.length; read++) {
    const end = text.indexOf("\n", position);
    const stop = end === -1 ? text.length : end;
    countLine(text.slice(position, stop > position && text[stop - 1] === "\r" ? stop - 1 : stop), count);
    position = stop + 1;
  }
  return position;
}

export function extractDomains(text: string): DomainCount {
  const count: DomainCount = { lineCount: 0, domains: new Map() };
  countLines(text, 0, Infinity, count);
  return count;
}

/** The same count, LINES_PER_SLICE lines at a time with a turn of the event loop in between. */
export async function countDomainsInSlices(text: string, linesPerSlice = LINES_PER_SLICE): Promise<DomainCount> {
  const count: DomainCount = { lineCount: 0, domains: new Map() };
  for (let position = 0; position <= text.length; ) {
    position = countLines(text, position, linesPerSlice, count);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return count;
}
