import { describe, expect, it } from "vitest";
import { chosenScopesToStore, effectiveScopes, parseScopesJson, scopesSummary } from "@/lib/tokens/token-scopes";

const api = (chosenScopes: Parameters<typeof effectiveScopes>[0]["chosenScopes"]) => ({ kind: "API_TOKEN", chosenScopes });

describe("a token's effective scopes: its issuer's role now ∩ the chosen ones", () => {
  it("follow the role when nothing was chosen", () => {
    expect(effectiveScopes(api(null), "SECURITY_READER")).toEqual(["Investigation.read", "Discovery.read", "Settings.read"]);
    expect(effectiveScopes(api(null), "GLOBAL_ADMIN")).toHaveLength(6);
  });

  it("keep an admin's read-only token read-only", () => {
    expect(effectiveScopes(api(["Investigation.read"]), "GLOBAL_ADMIN")).toEqual(["Investigation.read"]);
  });

  it("drop an operator's manage scopes when the operator becomes a reader, and never regain more than was ticked", () => {
    const ticked = api(["Investigation.manage", "Settings.read"]);
    expect(effectiveScopes(ticked, "SECURITY_OPERATOR")).toEqual(["Investigation.manage", "Settings.read"]);
    expect(effectiveScopes(ticked, "SECURITY_READER")).toEqual(["Settings.read"]);
    expect(effectiveScopes(ticked, "GLOBAL_ADMIN")).toEqual(["Investigation.manage", "Settings.read"]);
  });

  it("hold nothing for an unknown role, and an integration never more than its kind", () => {
    expect(effectiveScopes(api(null), "NOBODY")).toEqual([]);
    expect(effectiveScopes({ kind: "SIEM_AGENT", chosenScopes: null }, "GLOBAL_ADMIN")).toEqual(["Investigation.read"]);
    expect(effectiveScopes({ kind: "LOG_COLLECTOR", chosenScopes: null }, "SECURITY_READER")).toEqual([]);
  });

  it("read a damaged stored list as nothing, never as the whole role", () => {
    expect(parseScopesJson("not json")).toEqual([]);
    expect(parseScopesJson('["Investigation.read","Bogus"]')).toEqual(["Investigation.read"]);
    expect(parseScopesJson(null)).toBeNull();
  });
});

describe("the chosen scopes stored for a new token", () => {
  it("are null (follow the role) when all of the role is ticked, else the list in the map's order", () => {
    expect(chosenScopesToStore(undefined, "SECURITY_OPERATOR")).toBeNull();
    expect(chosenScopesToStore(["Settings.read", "Discovery.manage", "Investigation.manage"], "SECURITY_OPERATOR")).toBeNull();
    expect(chosenScopesToStore(["Settings.read", "Investigation.read"], "GLOBAL_ADMIN")).toEqual(["Investigation.read", "Settings.read"]);
  });

  it("refuse a scope beyond the role or the calling credential, an unknown scope, and none at all", () => {
    expect(() => chosenScopesToStore(["Settings.manage"], "SECURITY_READER")).toThrow("the Security reader role does not hold it");
    expect(() => chosenScopesToStore(["Investigation.manage"], "GLOBAL_ADMIN", ["Investigation.read"])).toThrow("the credential making it does not hold them");
    expect(() => chosenScopesToStore(["Investigation.write"], "GLOBAL_ADMIN")).toThrow("Unknown scope: Investigation.write");
    expect(() => chosenScopesToStore([], "GLOBAL_ADMIN")).toThrow("Choose at least one scope.");
  });

  it("store what the calling credential holds when a narrowed credential makes a token without choosing", () => {
    expect(chosenScopesToStore(undefined, "GLOBAL_ADMIN", ["Investigation.read", "Discovery.read"])).toEqual(["Investigation.read", "Discovery.read"]);
  });

  it("are summed up for the table", () => {
    expect(scopesSummary(api(null), "GLOBAL_ADMIN")).toBe("All of Global administrator");
    expect(scopesSummary(api(["Investigation.read", "Settings.read"]), "GLOBAL_ADMIN")).toBe("Investigation.read, Settings.read");
    expect(scopesSummary(api(["Investigation.manage"]), "SECURITY_READER")).toBe("None (Security reader holds none of the chosen scopes)");
  });
});
