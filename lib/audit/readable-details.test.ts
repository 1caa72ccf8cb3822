import { describe, expect, it } from "vitest";
import { durationText, personIdsIn, readableDetails } from "@/lib/audit/readable-details";

const UUID = "0b8f5c1e-2f0a-4c8e-9d0b-6f3a1e2d4c5b";

describe("audit details as people read them", () => {
  it("names people instead of ids, says durations and keeps times as instants", () => {
    const details = { name: "CI", via: "api", issuerId: UUID, gracePeriodSeconds: 3600, previousValidUntil: "2026-12-07T18:00:00.000Z", credential: `API token "Caller" (${UUID})` };
    expect(personIdsIn(details)).toEqual([UUID]);
    const fields = readableDetails(details, { [UUID]: "operator@contoso.test" });
    expect(fields.map((field) => [field.label, field.value])).toEqual([
      ["Name", { kind: "text", text: "CI" }],
      ["How", { kind: "text", text: "API" }],
      ["Issuer", { kind: "text", text: "operator@contoso.test" }],
      ["Grace period", { kind: "text", text: "1 hour" }],
      ["Previous value valid until", { kind: "time", iso: "2026-12-07T18:00:00.000Z" }],
      ["Calling credential", { kind: "text", text: 'API token "Caller"' }],
    ]);
  });

  it("shows scopes as chips, nested values in words, and leaves out ids it cannot name", () => {
    const fields = readableDetails(JSON.stringify({ scopes: ["Investigation.read", "Settings.read"], maximumLifetime: { from: "No maximum", to: "1 year" }, secretId: UUID, role: "SECURITY_READER" }));
    expect(fields).toEqual([
      { key: "scopes", label: "Scopes", value: { kind: "scopes", scopes: ["Investigation.read", "Settings.read"] } },
      { key: "maximumLifetime", label: "Maximum lifetime", value: { kind: "text", text: "No maximum → 1 year" } },
      { key: "role", label: "Role", value: { kind: "text", text: "Security reader" } },
    ]);
    expect(readableDetails({ scopes: "all of the issuer's role" })[0].value).toEqual({ kind: "text", text: "All of the issuer's role" });
    expect(readableDetails({ nested: { deep: true, at: UUID } })[0].value).toEqual({ kind: "text", text: "Deep: Yes; At: —" });
  });

  it("says durations in the largest whole unit", () => {
    expect([0, 60, 3600, 86_400, 604_800, 90].map(durationText)).toEqual(["None", "1 minute", "1 hour", "24 hours", "7 days", "90 seconds"]);
  });
});
