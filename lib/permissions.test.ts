import { describe, expect, it } from "vitest";
import { ACTION_SCOPES, INTEGRATION_SCOPES, ROLE_SCOPES, ROLES, SCOPES, isFullAdmin, onlyRolesCan, roleMay, scopesAllow, type Action } from "@/lib/permissions";

describe("scopes per role", () => {
  it("gives the Global administrator all six scopes", () => {
    expect([...ROLE_SCOPES.GLOBAL_ADMIN].sort()).toEqual([...SCOPES].sort());
  });
  it("gives the Security operator the manage scopes of investigation and discovery, and reads settings", () => {
    expect([...ROLE_SCOPES.SECURITY_OPERATOR].sort()).toEqual(["Discovery.manage", "Investigation.manage", "Settings.read"]);
  });
  it("gives the Security reader only read scopes", () => {
    expect([...ROLE_SCOPES.SECURITY_READER].sort()).toEqual(["Discovery.read", "Investigation.read", "Settings.read"]);
    expect(ROLE_SCOPES.SECURITY_READER.every((scope) => scope.endsWith(".read"))).toBe(true);
  });
  it("names only known scopes", () => {
    for (const role of ROLES) for (const scope of ROLE_SCOPES[role]) expect(SCOPES).toContain(scope);
  });
});

describe("scopes per action (the product docs' supported permission scopes)", () => {
  const expected: Record<string, string[]> = {
    "alerts.list": ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage"],
    "alerts.markRead": ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage"],
    "alerts.close": ["Investigation.manage", "Discovery.manage"],
    "activities.list": ["Investigation.read", "Investigation.manage"],
    "activities.feedback": ["Investigation.read", "Investigation.manage"],
    "entities.list": ["Investigation.read", "Investigation.manage"],
    "subnets.list": ["Investigation.read", "Investigation.manage", "Settings.read", "Settings.manage"],
    "subnets.manage": ["Investigation.manage", "Settings.manage"],
    "discovery.list": ["Discovery.read", "Discovery.manage"],
    "discovery.manage": ["Discovery.manage"],
    "tokens.manage": ["Settings.manage"],
  };
  it.each(Object.entries(expected))("%s is allowed by exactly its scopes", (action, scopes) => {
    expect([...ACTION_SCOPES[action as Action]].sort()).toEqual([...scopes].sort());
  });

  it("lets a reader read but never change anything", () => {
    const writes: Action[] = ["alerts.close", "subnets.manage", "discovery.manage", "tokens.manage", "portal.tokens.manageAll", "portal.users.manage"];
    for (const action of writes) expect(roleMay("SECURITY_READER", action)).toBe(false);
    for (const action of ["alerts.list", "activities.list", "entities.list", "subnets.list", "discovery.list"] as Action[]) {
      expect(roleMay("SECURITY_READER", action)).toBe(true);
    }
  });

  it("lets an operator close alerts and manage subnets, but not manage other people's tokens or users", () => {
    expect(roleMay("SECURITY_OPERATOR", "alerts.close")).toBe(true);
    expect(roleMay("SECURITY_OPERATOR", "subnets.manage")).toBe(true);
    expect(roleMay("SECURITY_OPERATOR", "portal.tokens.manageAll")).toBe(false);
    expect(roleMay("SECURITY_OPERATOR", "portal.users.manage")).toBe(false);
  });

  it("makes only the Global administrator a full admin", () => {
    expect(ROLES.filter(isFullAdmin)).toEqual(["GLOBAL_ADMIN"]);
    expect(isFullAdmin("SOMETHING_ELSE")).toBe(false);
  });

  it("denies everything to an unknown role and to no scopes", () => {
    for (const action of Object.keys(ACTION_SCOPES) as Action[]) {
      expect(roleMay("NOBODY", action)).toBe(false);
      expect(scopesAllow([], action)).toBe(false);
    }
  });

  it("keeps integrations to their job: a SIEM agent reads, a log collector uploads", () => {
    expect(scopesAllow(INTEGRATION_SCOPES.SIEM_AGENT, "alerts.list")).toBe(true);
    expect(scopesAllow(INTEGRATION_SCOPES.SIEM_AGENT, "alerts.close")).toBe(false);
    expect(scopesAllow(INTEGRATION_SCOPES.LOG_COLLECTOR, "discovery.manage")).toBe(true);
    expect(scopesAllow(INTEGRATION_SCOPES.LOG_COLLECTOR, "alerts.list")).toBe(true);
    expect(scopesAllow(INTEGRATION_SCOPES.LOG_COLLECTOR, "activities.list")).toBe(false);
  });
});

describe("who may do an action, in words", () => {
  it("names every role the map lets do it", () => {
    expect(onlyRolesCan("portal.users.manage")).toBe("Only a Global administrator can");
    expect(onlyRolesCan("alerts.close")).toBe("Only a Global administrator or a Security operator can");
  });
});
