import { isIP } from "node:net";

/** "10.0.0.0/8", "2001:db8::/32", or a bare address (read as a single host). Null when not valid. */
export function normalizeCidr(value: string): string | null {
  const [address, prefix, ...rest] = value.trim().split("/");
  if (rest.length) return null;
  const version = isIP(address);
  if (!version) return null;
  const max = version === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return `${address}/${Number(prefix)}`;
}
