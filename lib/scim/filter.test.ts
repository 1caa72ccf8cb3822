// The filter translation alone: every operator, and/or/not, parentheses and value paths become the
// Prisma where they should; unknown attributes and unreadable filters are invalidFilter.
import { describe, expect, it } from "vitest";
import { filterToWhere } from "@/lib/scim/filter";
import { USER_FILTER } from "@/lib/scim/user-resource";
import { GROUP_FILTER } from "@/lib/scim/groups";

const where = (filter: string) => filterToWhere(USER_FILTER, filter);
const invalid = (filter: string) => expect(() => where(filter)).toThrow(expect.objectContaining({ details: { scimType: ["invalidFilter"] } }));

describe("SCIM filter → Prisma where", () => {
  it("reads each comparison operator on a string column", () => {
    expect(where('displayName eq "Babs"')).toEqual({ name: { equals: "Babs" } });
    expect(where('displayName co "ab"')).toEqual({ name: { contains: "ab" } });
    expect(where('displayName sw "B"')).toEqual({ name: { startsWith: "B" } });
    expect(where('displayName ew "s"')).toEqual({ name: { endsWith: "s" } });
    expect(where('displayName gt "A"')).toEqual({ name: { gt: "A" } });
    expect(where('displayName ge "A"')).toEqual({ name: { gte: "A" } });
    expect(where('displayName lt "Z"')).toEqual({ name: { lt: "Z" } });
    expect(where('displayName le "Z"')).toEqual({ name: { lte: "Z" } });
    expect(where('displayName ne "Babs"')).toEqual({ NOT: [{ name: { equals: "Babs" } }] });
  });

  it("requires a nullable column to be set in a positive condition, so not (...) matches the rows without it", () => {
    expect(where('externalId eq "x"')).toEqual({ externalId: { not: null, equals: "x" } });
    expect(where("externalId pr")).toEqual({ externalId: { not: null } });
    expect(where("not (externalId pr)")).toEqual({ NOT: [{ externalId: { not: null } }] });
    expect(where("externalId eq null")).toEqual({ NOT: [{ externalId: { not: null } }] });
  });

  it("compares userName ignoring case: the SCIM name when one was written, else the email", () => {
    expect(where('USERNAME Eq "Bjensen@Example.com"')).toEqual({
      OR: [{ scimUserNameKey: { not: null, equals: "bjensen@example.com" } }, { AND: [{ scimUserNameKey: null }, { email: { equals: "bjensen@example.com" } }] }],
    });
    expect(where('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"')).toMatchObject({ OR: [{ scimUserNameKey: { startsWith: "b" } }, expect.anything()] });
  });

  it("combines with and, or, not and parentheses, and reads value paths", () => {
    expect(where('displayName eq "a" and (active eq true or not (displayName co "b"))')).toEqual({
      AND: [{ name: { equals: "a" } }, { OR: [{ deprovisionedAt: null }, { NOT: [{ name: { contains: "b" } }] }] }],
    });
    expect(where('emails[type eq "work" and value co "@example.com"]')).toEqual({ AND: [{}, { email: { contains: "@example.com" } }] });
    expect(where("active eq false")).toEqual({ deprovisionedAt: { not: null } });
    expect(where('meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual({ updatedAt: { gt: new Date("2011-05-13T04:42:34Z") } });
    expect(filterToWhere(GROUP_FILTER, 'members[value eq "u1"]')).toEqual({ members: { some: { userId: { equals: "u1" } } } });
    expect(filterToWhere(GROUP_FILTER, 'displayName eq "Admins"')).toEqual({ displayNameKey: { equals: "admins" } });
  });

  it("refuses what it cannot read or filter as invalidFilter", () => {
    invalid('userName eq "unterminated');
    invalid('userName zz "x"');
    invalid("(userName pr");
    invalid('name.givenName eq "x"');
    invalid('shoeSize eq "44"');
    invalid('meta.created gt "yesterday"');
    invalid("active eq 3");
    invalid(`userName eq "${"x".repeat(3_000)}"`);
    expect(where("")).toBeNull();
    expect(filterToWhere(USER_FILTER, null)).toBeNull();
  });
});
