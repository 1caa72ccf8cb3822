// Where webhooks may be sent. A webhook URL is chosen by a tenant's admin, who is not the operator of
// the deployment: without a check, Keyport would POST from inside the operator's network to whatever
// it names (the database port, a cloud metadata service, an internal admin API) and show what answered
// in the delivery log. So an event goes only to public unicast addresses, checked on every connection
// against the addresses the name resolves to then (a name that resolved to a public address when the
// webhook was added can point elsewhere later). Operators whose receivers live on their own network
// turn this off with KEYPORT_OUTBOUND_PRIVATE_NETWORKS=allow (older name: KEYPORT_WEBHOOK_PRIVATE_NETWORKS), which
// holds for identity providers too (lib/identity/outbound-fetch.ts).
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { config } from "@/lib/config";

export const PRIVATE_NETWORKS_SETTING = "KEYPORT_OUTBOUND_PRIVATE_NETWORKS";
export const OLDER_PRIVATE_NETWORKS_SETTING = "KEYPORT_WEBHOOK_PRIVATE_NETWORKS";

/** Whether the operator lets outbound calls (webhooks, identity providers) reach loopback, private and link-local addresses. */
export function privateNetworksAllowed(): boolean {
  return (config.outboundPrivateNetworks ?? config.webhookPrivateNetworks ?? "deny") === "allow";
}

/** Whether an IP address is one webhooks may reach: public unicast (IPv4-mapped IPv6 judged as IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export class BlockedDestinationError extends Error {
  readonly code = "EWEBHOOKBLOCKED";
}

const blocked = (host: string, address: string) =>
  new BlockedDestinationError(`${host} is ${address === host ? "" : `at ${address}, `}a private, loopback or link-local address: webhooks are sent only to public addresses (the operator can allow private networks).`);

/** The problem with a URL's host as written, or null: an IP literal or "localhost" is judged at once. */
export function literalHostProblem(hostname: string): string | null {
  if (privateNetworksAllowed()) return null;
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "Webhooks are sent only to public addresses: localhost is not one.";
  // WHATWG URL parsing has turned every IPv4 spelling (2130706433, 0x7f.1 …) into dotted form already.
  if (net.isIP(host) && !isPublicAddress(host)) return `Webhooks are sent only to public addresses: ${host} is private, loopback or link-local.`;
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves as usual and refuses private addresses, so the check
 * holds for the address actually connected to.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : "");
    const allowed = privateNetworksAllowed() ? addresses : addresses.filter((entry) => isPublicAddress(entry.address));
    if (allowed.length === 0) return callback(blocked(hostname, addresses[0]?.address ?? hostname), options.all ? [] : "");
    if (options.all) return callback(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
}

/** Throws BlockedDestinationError when the URL's host is an IP literal webhooks may not reach. */
export function assertLiteralDestination(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!privateNetworksAllowed() && net.isIP(host) && !isPublicAddress(host)) throw blocked(host, host);
}
