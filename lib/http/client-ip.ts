// The client IP of a request, decided once at the edge of the process (lib/server/http-front.ts) and
// read everywhere else from the header that front writes: last use, IP allowlists and rate limits all
// judge the same address. It is the TCP peer's address, unless that peer is a trusted reverse proxy
// (KEYPORT_TRUSTED_PROXIES): then X-Forwarded-For is walked from the right, skipping trusted hops, and
// the first untrusted address is the client. A client can therefore never choose the IP it is
// recorded or judged by.
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { config } from "@/lib/config";

/** Set by the HTTP front on every request after removing whatever the client sent under that name. */
export const CLIENT_IP_HEADER = "x-keyport-client-ip";

export type TrustPolicy = (address: string, hop: number) => boolean;

/** Parses KEYPORT_TRUSTED_PROXIES (comma-separated IPs or CIDRs); refuses anything else at start-up. */
export function trustedProxies(value: string | readonly string[] = config.trustedProxies): TrustPolicy {
  const entries = (typeof value === "string" ? value.split(",") : value).map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const valid = entry.includes("/") ? isValidCidr(entry) : ipaddr.isValid(entry);
    if (!valid) throw new Error(`KEYPORT_TRUSTED_PROXIES: '${entry}' is not an IP address or CIDR range.`);
  }
  return proxyaddr.compile(entries);
}

function isValidCidr(entry: string): boolean {
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/** IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are shown and compared as the IPv4 address they carry. */
export function normalizeIp(address: string): string {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return address;
  }
}

/** The client IP for a TCP peer and the X-Forwarded-For header it sent, under a trust policy. */
export function resolveClientIp(peerAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustPolicy): string | null {
  if (!peerAddress) return null;
  const request = { socket: { remoteAddress: peerAddress }, connection: { remoteAddress: peerAddress }, headers: { "x-forwarded-for": forwardedFor } };
  try {
    return normalizeIp(proxyaddr(request as never, trust));
  } catch {
    return normalizeIp(peerAddress);
  }
}

/** The client IP of a request that passed through the HTTP front; null when it did not (fail closed). */
export function clientIpOf(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}
