// An audit entry's details as a person reads them: names instead of ids, times as instants for the
// reader's clock (the page formats them in the reader's time zone), "1 hour" instead of 3600, scopes as
// a list of chips, nested values in words. Nothing here is JSON, an ISO string or a UUID: those stay in
// the stored entry, which the pages show only behind "Show raw".
import { ROLE_LABELS, isRole, isScope } from "@/lib/permissions";
import { VIA_NAMES } from "@/lib/audit/activity-names";

export type ReadableValue = { kind: "text"; text: string } | { kind: "time"; iso: string } | { kind: "scopes"; scopes: string[] };
export type ReadableField = { key: string; label: string; value: ReadableValue };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WHOLE_UUID = new RegExp(`^${UUID.source}$`, "i");
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  email: "Email",
  role: "Role",
  via: "How",
  actor: "Acting credential",
  credential: "Calling credential",
  issuerId: "Issuer",
  issuerEmail: "Issuer",
  ips: "Client IPs",
  scopes: "Scopes",
  scope: "Scope",
  allowedIps: "Allowed IP ranges",
  expiresAt: "Expires",
  previousValidUntil: "Previous value valid until",
  gracePeriodSeconds: "Grace period",
  newExpiryChosen: "New expiry chosen",
  expiryShortenedToCaller: "Expiry shortened to the calling token's",
  maximumLifetime: "Maximum lifetime",
  reporterIp: "Reporter IP",
  multiTenant: "Multi-tenant",
  url: "URL",
  fields: "Fields changed",
  fileName: "File",
};

function labelOf(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/Id$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** "None", "1 hour", "24 hours", "7 days", "90 seconds". */
export function durationText(seconds: number): string {
  if (seconds === 0) return "None";
  const unit = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  if (seconds % 86_400 === 0 && seconds >= 7 * 86_400) return unit(seconds / 86_400, "day");
  if (seconds % 3600 === 0) return unit(seconds / 3600, "hour");
  if (seconds % 60 === 0) return unit(seconds / 60, "minute");
  return unit(seconds, "second");
}

/** A string without the ids people cannot read: "API token "CI" (<uuid>)" reads "API token "CI"". */
function withoutIds(text: string): string {
  return text
    .replace(new RegExp(`\\s*\\(${UUID.source}\\)`, "gi"), "")
    .replace(new RegExp(UUID.source, "gi"), "…")
    .trim();
}

function scalarText(key: string, value: unknown, names: Readonly<Record<string, string>>): string | null {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return /Seconds$/.test(key) ? durationText(value) : value.toLocaleString("en");
  if (typeof value !== "string") return null;
  if (WHOLE_UUID.test(value)) return names[value] ?? null;
  if (isRole(value)) return ROLE_LABELS[value];
  if (key === "via") return VIA_NAMES[value] ?? value;
  if (ISO_TIME.test(value)) return null;
  const text = withoutIds(value);
  return text || null;
}

function nestedText(value: Record<string, unknown>, names: Readonly<Record<string, string>>): string {
  if ("from" in value && "to" in value && Object.keys(value).length === 2) {
    return `${scalarText("from", value.from, names) ?? "—"} → ${scalarText("to", value.to, names) ?? "—"}`;
  }
  return Object.entries(value)
    .map(([key, inner]) => `${labelOf(key)}: ${inner !== null && typeof inner === "object" ? nestedText(inner as Record<string, unknown>, names) : (scalarText(key, inner, names) ?? "—")}`)
    .join("; ");
}

function readableValue(key: string, value: unknown, names: Readonly<Record<string, string>>): ReadableValue | null {
  if (typeof value === "string" && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { kind: "time", iso: new Date(value).toISOString() };
  if (Array.isArray(value)) {
    const items = value.filter((item): item is string | number | boolean => item !== null && typeof item !== "object");
    if (items.length > 0 && items.every((item) => typeof item === "string" && isScope(item))) return { kind: "scopes", scopes: items as string[] };
    const texts = items.map((item) => scalarText(key, item, names)).filter((text): text is string => text !== null);
    return { kind: "text", text: texts.length ? texts.join(", ") : "none" };
  }
  if (value !== null && typeof value === "object") return { kind: "text", text: nestedText(value as Record<string, unknown>, names) };
  if ((key === "scopes" || key === "scope") && typeof value === "string" && isScope(value)) return { kind: "scopes", scopes: [value] };
  const text = scalarText(key, value, names);
  if (text === null) return null;
  // "all of the issuer's role" is stored in lower case, to be read inside a sentence.
  return { kind: "text", text: key === "scopes" ? text[0].toUpperCase() + text.slice(1) : text };
}

/**
 * The stored details (a JSON object, or its text) as labelled readable fields, in the order they were
 * written. `names` maps the ids it may hold (users) to a name; an id with no name is left out (it is in
 * the raw entry), as are details that say nothing to a person.
 */
export function readableDetails(details: string | Record<string, unknown>, names: Readonly<Record<string, string>> = {}, options: { omit?: readonly string[] } = {}): ReadableField[] {
  let parsed: unknown = details;
  if (typeof details === "string") {
    try {
      parsed = JSON.parse(details);
    } catch {
      return details.trim() ? [{ key: "raw", label: "Details", value: { kind: "text", text: withoutIds(details) } }] : [];
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  const fields: ReadableField[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (options.omit?.includes(key)) continue;
    const readable = readableValue(key, value, names);
    if (readable) fields.push({ key, label: labelOf(key), value: readable });
  }
  return fields;
}

/** The ids in an entry's details that name somebody (issuerId, userId …), to look up before reading it. */
export function personIdsIn(details: string | Record<string, unknown>): string[] {
  let parsed: unknown = details;
  if (typeof details === "string") {
    try {
      parsed = JSON.parse(details);
    } catch {
      return [];
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([key, value]) => /(^issuer|[uU]ser)Id$/.test(key) && typeof value === "string" && WHOLE_UUID.test(value))
    .map(([, value]) => value as string);
}
