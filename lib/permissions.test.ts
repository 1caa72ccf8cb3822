import { describe, expect, it } from "vitest";
import { ACTION_SCOPES, ACTIONS_OF_NO_SCOPE, CAPABILITIES, INTEGRATION_SCOPES, ROLE_SCOPES, ROLES, SCOPE_DESCRIPTIONS, SCOPES, describeScope, isFullAdmin, onlyRolesCan, roleMay, scopesAllow, type Action } from "@/lib/permissions";

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

describe("scope descriptions say everything the map lets a scope do", () => {
  const credentialActions = (Object.keys(ACTION_SCOPES) as Action[]).filter((action) => !action.startsWith("portal.") && action !== "auditLog.read" && !ACTIONS_OF_NO_SCOPE.includes(action));

  it("puts every action a credential can be allowed into exactly one capability", () => {
    const covered = CAPABILITIES.flatMap((capability) => capability.actions);
    expect([...covered].sort()).toEqual([...credentialActions].sort());
    expect(new Set(covered).size).toBe(covered.length);
  });

  it("groups only actions the same scopes allow, so a phrase is true of every scope it is shown for", () => {
    for (const capability of CAPABILITIES) {
      const [first, ...rest] = capability.actions.map((action) => [...ACTION_SCOPES[action]].sort().join());
      for (const other of rest) expect(other, capability.words).toBe(first);
    }
  });

  it.each(SCOPES)("%s names each capability it allows, and none it does not", (scope) => {
    const description = SCOPE_DESCRIPTIONS[scope];
    for (const capability of CAPABILITIES) {
      const allowed = capability.actions.every((action) => scopesAllow([scope], action));
      expect(description.toLowerCase().includes(capability.words.toLowerCase()), `${scope}: ${capability.words}`).toBe(allowed);
    }
  });

  it("says that Settings.manage manages API tokens and Settings.read lists them, as the map grants", () => {
    expect(scopesAllow(["Settings.manage"], "tokens.manage")).toBe(true);
    expect(SCOPE_DESCRIPTIONS["Settings.manage"]).toMatch(/manage API tokens.*revoke or rotate any API token of the tenant/);
    expect(scopesAllow(["Settings.read"], "tokens.listAll")).toBe(true);
    expect(SCOPE_DESCRIPTIONS["Settings.read"]).toMatch(/list API tokens with their owners and last-used IP addresses/);
    expect(SCOPE_DESCRIPTIONS["Settings.read"]).not.toMatch(/manage API tokens/);
    expect(SCOPE_DESCRIPTIONS["Investigation.read"]).toMatch(/give feedback on them/);
  });

  it("reads as one sentence", () => {
    expect(describeScope("Discovery.manage")).toBe("Read alerts and mark them read or unread; close alerts; read Cloud Discovery reports and categories; upload discovery logs and generate block scripts.");
  });
});
