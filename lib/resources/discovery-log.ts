// Pulls the domains out of a traffic log, whatever its appliance: every URL's host, and every bare
// token that looks like a host name. Only [a-z0-9.-] survives, so the names are safe in scripts.
const URL_HOST = /\bhttps?:\/\/([a-z0-9.-]+)/gi;
const BARE_HOST = /(?:^|[\s,;"'=])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?=$|[\s,;"':/])/gi;

export const MAX_DOMAINS_PER_UPLOAD = 5000;

/** A plain host name: labels of letters, digits and inner dashes. */
export const SAFE_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export function extractDomains(text: string): { lineCount: number; domains: Map<string, number> } {
  const domains = new Map<string, number>();
  let lineCount = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    lineCount++;
    const seen = new Set<string>();
    for (const match of line.matchAll(URL_HOST)) seen.add(match[1].toLowerCase());
    for (const match of line.matchAll(BARE_HOST)) seen.add(match[1].toLowerCase());
    for (const raw of seen) {
      const domain = raw.replace(/^www\./, "").replace(/\.$/, "");
      if (!SAFE_DOMAIN.test(domain) || /^[\d.]+$/.test(domain) || domain.length > 253) continue;
      if (!domains.has(domain) && domains.size >= MAX_DOMAINS_PER_UPLOAD) continue;
      domains.set(domain, (domains.get(domain) ?? 0) + 1);
    }
  }
  return { lineCount, domains };
}
