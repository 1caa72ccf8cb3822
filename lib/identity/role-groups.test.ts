import { describe, expect, it } from "vitest";
import { roleForGroups, roleOfGroups, type RoleGroups } from "./role-groups";

const mapping: RoleGroups = { adminGroup: "Keyport Admins", operatorGroup: "0f3c-ops-id", readerGroup: "Readers", defaultRole: "NONE" };

describe("roleForGroups", () => {
  it("gives the highest role among the groups held, by name or id, in any letter case", () => {
    expect(roleForGroups(mapping, ["readers", "0F3C-OPS-ID"])).toBe("SECURITY_OPERATOR");
    expect(roleForGroups(mapping, ["Readers", "keyport admins"])).toBe("GLOBAL_ADMIN");
    expect(roleForGroups(mapping, ["Readers"])).toBe("SECURITY_READER");
  });

  it("falls back to the default role, which may be no access", () => {
    expect(roleForGroups(mapping, ["Other"])).toBe("NONE");
    expect(roleForGroups({ ...mapping, defaultRole: "SECURITY_READER" }, [])).toBe("SECURITY_READER");
    expect(roleOfGroups(mapping, [])).toBeNull();
  });

  it("never matches a group the admin left empty", () => {
    expect(roleForGroups({ ...mapping, adminGroup: null, readerGroup: " " }, [" ", ""])).toBe("NONE");
  });
});
