// Token values: a kind prefix (so secret scanners can find leaked ones), 256 random bits in
// base62, and a CRC32 checksum so a mistyped or truncated token is refused without a database lookup.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_KINDS = ["API_TOKEN", "SIEM_AGENT", "LOG_COLLECTOR"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

const PREFIX: Record<TokenKind, string> = {
  API_TOKEN: "kpat_",
  SIEM_AGENT: "kpsa_",
  LOG_COLLECTOR: "kplc_",
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 43; // 62^43 > 2^256, so 32 random bytes always fit
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const TOKEN_PATTERN = /^(kpat|kpsa|kplc)_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

function toBase62(value: bigint, length: number): string {
  let out = "";
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(length, "0");
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksumOf(prefixAndSecret: string): string {
  // A CRC32 fits a double exactly: plain number arithmetic, several times cheaper than BigInt's, since
  // every value of a leak report and every presented token is checked here before anything else.
  let value = crc32(prefixAndSecret);
  let out = "";
  for (let index = 0; index < CHECKSUM_LENGTH; index++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function newPrefixedValue(prefix: string): string {
  const secret = toBase62(BigInt("0x" + randomBytes(32).toString("hex")), SECRET_LENGTH);
  const body = prefix + secret;
  return body + checksumOf(body);
}

export function newTokenValue(kind: TokenKind): string {
  return newPrefixedValue(PREFIX[kind]);
}

/** OAuth client secrets share the format, with their own prefix. */
export const CLIENT_SECRET_PREFIX = "kpcs_";
const CLIENT_SECRET_PATTERN = /^(kpcs_[0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

export function newClientSecretValue(): string {
  return newPrefixedValue(CLIENT_SECRET_PREFIX);
}

/** True for a well-formed client secret with a valid checksum. Pure: touches no database. */
export function isWellFormedClientSecret(value: string): boolean {
  const match = CLIENT_SECRET_PATTERN.exec(value);
  return match !== null && checksumOf(match[1]) === match[2];
}

/** Kind of a well-formed token with a valid checksum, or null. Pure: touches no database. */
export function parseTokenValue(value: string): TokenKind | null {
  const match = TOKEN_PATTERN.exec(value);
  if (!match) return null;
  const body = `${match[1]}_${match[2]}`;
  if (checksumOf(body) !== match[3]) return null;
  return (Object.keys(PREFIX) as TokenKind[]).find((kind) => PREFIX[kind] === `${match[1]}_`) ?? null;
}

export function digestToken(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** What the table shows to tell tokens apart: the prefix and the last four characters. */
export function tokenHint(value: string): string {
  return `${value.slice(0, 5)}…${value.slice(-4)}`;
}
