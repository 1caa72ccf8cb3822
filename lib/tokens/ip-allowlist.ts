// Where a token may be used from: the "Allowed IP ranges" a person types (IPv4 and IPv6 addresses
// and CIDR ranges), turned into canonical CIDRs, and the check of a client IP against them.
// IPv4-mapped IPv6 addresses (::ffff:203.0.113.7) are the IPv4 address they carry, both in a range
// and in the client IP: a dual-stack server sees IPv4 clients that way.
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/errors";

export const MAX_ALLOWED_IP_RANGES = 50;

type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** A parsed range, ready to match: its address family, network address and prefix length. */
export type IpRange = { address: Address; prefix: number };

const EXAMPLES = "for example 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32";

/** Splits the text of the box: entries are separated by commas, spaces or new lines. */
export function splitRangesText(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function parseAddress(text: string): Address | null {
  if (text.includes(":")) {
    // A zone index (fe80::1%eth0) names an interface of the client's machine, not an address we can see.
    if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
    return ipaddr.IPv6.parse(text);
  }
  // Only the dotted quad: ipaddr.js would also take "1" or "0x7f.1", which nobody means in an allowlist.
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

/** One entry as a canonical CIDR ("203.0.113.7/32", "2001:db8::/32"), or the sentence saying what is wrong. */
export function parseRange(entry: string): { cidr: string; range: IpRange } | { error: string } {
  const text = entry.trim();
  const parts = text.split("/");
  const invalid = { error: `"${text.slice(0, 60)}" is not an IP address or range (${EXAMPLES}).` };
  if (parts.length > 2) return invalid;
  let address = parseAddress(parts[0]);
  if (!address) return invalid;
  let maxPrefix = address.kind() === "ipv4" ? 32 : 128;
  let prefix = maxPrefix;
  if (parts.length === 2) {
    if (!/^\d{1,3}$/.test(parts[1]) || Number(parts[1]) > maxPrefix) {
      return { error: `"${text.slice(0, 60)}": the prefix length after "/" must be 0 to ${maxPrefix} for an ${address.kind() === "ipv4" ? "IPv4" : "IPv6"} range.` };
    }
    prefix = Number(parts[1]);
  }
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    if (prefix < 96) return { error: `"${text.slice(0, 60)}": an IPv4-mapped range needs a prefix of at least /96 (the IPv4 part).` };
    address = (address as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
    maxPrefix = 32;
  }
  const network = networkOf(address, prefix);
  if (network.toString() !== address.toString()) {
    return { error: `"${text.slice(0, 60)}" has bits set beyond its /${prefix} prefix: did you mean ${network.toString()}/${prefix}?` };
  }
  return { cidr: `${address.toString()}/${prefix}`, range: { address, prefix } };
}

function networkOf(address: Address, prefix: number): Address {
  const bytes = address.toByteArray();
  const masked = bytes.map((byte, index) => {
    const bits = Math.max(0, Math.min(8, prefix - index * 8));
    return byte & ((0xff << (8 - bits)) & 0xff);
  });
  return ipaddr.fromByteArray(masked);
}

/**
 * The entries as canonical CIDRs, duplicates removed and order kept; throws invalid_request naming
 * every bad entry (in `details.allowedIps`) or when there are more than 50.
 */
export function parseAllowedIps(entries: readonly string[]): string[] {
  const cidrs: string[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const parsed = parseRange(entry);
    if ("error" in parsed) problems.push(parsed.error);
    else if (!cidrs.includes(parsed.cidr)) cidrs.push(parsed.cidr);
  }
  if (problems.length === 0 && cidrs.length > MAX_ALLOWED_IP_RANGES) {
    problems.push(`A token can have at most ${MAX_ALLOWED_IP_RANGES} allowed IP ranges; there are ${cidrs.length}. Use wider ranges.`);
  }
  if (problems.length > 0) throw new AppError("invalid_request", problems[0], { details: { allowedIps: problems.slice(0, 10) } });
  return cidrs;
}

// Matches no client: what an unreadable stored entry becomes, so a damaged list never widens to "anywhere".
const NOWHERE: IpRange = { address: ipaddr.IPv4.parse("0.0.0.0"), prefix: 32 };

/** Stored canonical CIDRs, parsed once (the token cache keeps the result). */
export function compileRanges(cidrs: readonly string[]): IpRange[] {
  return cidrs.map((cidr) => {
    const parsed = parseRange(cidr);
    return "range" in parsed ? parsed.range : NOWHERE;
  });
}

/** Whether a client IP may use a token with these ranges. No ranges: anywhere. An unknown client IP: nowhere. */
export function ipAllowed(clientIp: string | null, ranges: readonly IpRange[]): boolean {
  if (ranges.length === 0) return true;
  if (!clientIp) return false;
  let client: Address;
  try {
    client = ipaddr.process(clientIp);
  } catch {
    return false;
  }
  return ranges.some((range) => range.address.kind() === client.kind() && client.match(range.address, range.prefix));
}

/** Whether every address of range `inner` is also in range `outer` (same family, at least as long a prefix). */
function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  return inner.address.kind() === outer.address.kind() && inner.prefix >= outer.prefix && inner.address.match(outer.address as never, outer.prefix);
}

/** The ranges of `requested` (canonical CIDRs) that some range of `ceiling` does not hold whole. */
export function rangesBeyond(requested: readonly string[], ceiling: readonly string[]): string[] {
  const outer = compileRanges(ceiling);
  return requested.filter((cidr) => {
    const [inner] = compileRanges([cidr]);
    return !outer.some((range) => rangeWithin(inner, range));
  });
}

/**
 * The allowed ranges of a token made by a credential that is itself limited to `ceiling` (canonical
 * CIDRs; empty: anywhere): it may not reach further than its maker. Nothing asked for takes the
 * maker's own ranges; a range outside them is refused (forbidden, naming it in details.allowedIps).
 */
export function rangesWithinCeiling(requested: readonly string[], ceiling: readonly string[]): string[] {
  if (ceiling.length === 0) return [...requested];
  if (requested.length === 0) return [...ceiling];
  const beyond = rangesBeyond(requested, ceiling);
  if (beyond.length > 0) {
    const message = `You cannot give a token ${beyond.slice(0, 3).join(", ")}: the credential making it may only be used from ${ceiling.slice(0, 5).join(", ")}${ceiling.length > 5 ? " …" : ""}.`;
    throw new AppError("forbidden", message, { details: { allowedIps: [message] } });
  }
  return [...requested];
}
