// A remembered device: a browser in which a person signed in successfully before. After each
// successful password sign-in the browser gets a long-lived, HttpOnly cookie naming the user and a
// random device id, signed with the deployment's secret, so it can be neither guessed nor forged nor
// moved to another account. A sign-in that carries a valid one for the account it checks is counted on
// the device's own (smaller) limit instead of the email's: an attacker who fails ten times elsewhere
// locks the email, not its owner's browser; and whoever steals the cookie is still throttled.
//
// The cookie also names the account's session version when it was issued: whatever ends every session of
// the account (a password reset or change, deprovisioning) forgets its remembered devices too, so a
// cookie taken from a browser before a reset no longer earns a limit of its own.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "keyport-device";
/** How long a browser stays remembered: browsers keep a cookie at most 400 days. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** `sessionVersion`: the account's session version when the cookie was issued (it counts only while unchanged). */
export type RememberedDevice = { userId: string; deviceId: string; sessionVersion: number };

function signature(secret: string, userId: string, deviceId: string, sessionVersion: string, issuedAt: string): Buffer {
  return createHmac("sha256", secret).update(`keyport-device|v2|${userId}|${deviceId}|${sessionVersion}|${issuedAt}`).digest();
}

/** A fresh cookie value for a user's browser, at the account's current session version. */
export function issueDeviceCookie(userId: string, sessionVersion: number, secret: string, now = new Date()): string {
  const deviceId = randomBytes(16).toString("base64url");
  const issuedAt = String(Math.floor(now.getTime() / 1000));
  const version = String(sessionVersion);
  return ["v2", userId, deviceId, version, issuedAt, signature(secret, userId, deviceId, version, issuedAt).toString("base64url")].join(".");
}

/**
 * The device a cookie value names, when one of the secrets signed it and it has not outlived its age; else
 * null (so is a cookie of the first format, which named no session version: its browser is remembered
 * again at its next successful sign-in).
 */
export function readDeviceCookie(value: string | null | undefined, secrets: string[], now = new Date()): RememberedDevice | null {
  if (!value || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 6 || parts[0] !== "v2") return null;
  const [, userId, deviceId, sessionVersion, issuedAt, mac] = parts;
  if (!/^[0-9a-f-]{1,64}$/i.test(userId) || !/^[A-Za-z0-9_-]{22}$/.test(deviceId) || !/^\d{1,9}$/.test(sessionVersion) || !/^\d{1,12}$/.test(issuedAt)) return null;
  const age = now.getTime() / 1000 - Number(issuedAt);
  if (age < -300 || age > DEVICE_COOKIE_MAX_AGE_SECONDS) return null;
  const given = Buffer.from(mac, "base64url");
  const signedBySome = secrets.some((secret) => {
    const expected = signature(secret, userId, deviceId, sessionVersion, issuedAt);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return signedBySome ? { userId, deviceId, sessionVersion: Number(sessionVersion) } : null;
}

/** The value of one cookie in a Cookie header (the first, when a name repeats). */
export function cookieFromHeader(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}
