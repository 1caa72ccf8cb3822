// SCIM 2.0 over HTTP, as provisioning clients speak it: the RFC 7643/7644 examples, and the requests
// Entra ID and Okta document sending (the userName probe, PATCH without a path, "Replace", active as
// "False", the enterprise extension's paths, Okta's connection test and its no-path PATCH). Every
// refusal is the RFC's error JSON with its status and scimType, and leaves nothing half-written.
import { callApi } from "../support/api-client";
import { latestAuditEvent, userById } from "../support/e2e-data";
import { expect, test } from "../support/fixtures";
import { generateToken } from "@/lib/tokens/generate-token";
import { ENTERPRISE, ERROR, GROUP, LIST, PATCH_OP, USER, filterQuery, mapRoleGroups, scimClient, scimSecretOf } from "./scim-support";

const unique = () => Math.random().toString(36).slice(2, 10);

test.describe("SCIM discovery and authentication", () => {
  test("ServiceProviderConfig, ResourceTypes and Schemas describe the service, in application/scim+json", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const config = await scim.get("/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.headers["content-type"]).toContain("application/scim+json");
    expect(config.json).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false }, authenticationSchemes: [{ type: "oauthbearertoken" }] });
    const types = await scim.get("/ResourceTypes");
    expect(types.json).toMatchObject({ schemas: [LIST], totalResults: 2 });
    expect(types.json.Resources.map((type: { endpoint: string }) => type.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await scim.get("/Schemas");
    expect(schemas.json.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, GROUP, ENTERPRISE]);
    expect((await scim.get(`/Schemas/${USER}`)).json.attributes.find((attribute: { name: string }) => attribute.name === "userName")).toMatchObject({ uniqueness: "server", required: true });
  });

  test("a missing, malformed or wrong secret token is 401 in the RFC's error JSON", async ({ request, tenant }) => {
    await scimSecretOf(tenant);
    for (const token of [null, "not-a-token", `kpscim_${"A".repeat(43)}`]) {
      const answer = await scimClient(request, token).get("/Users");
      expect(answer.status, `token ${token}`).toBe(401);
      expect(answer.json).toMatchObject({ schemas: [ERROR], status: "401" });
      expect(answer.headers["www-authenticate"]).toContain("Bearer");
    }
    const apiToken = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "Not for SCIM" });
    expect((await scimClient(request, apiToken.value).get("/Users")).status).toBe(401);
  });
});

test.describe("SCIM users", () => {
  test("Okta: the connection test, the userName probe, create, read, PUT and PATCH without a path", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const connection = await scim.get("/Users?startIndex=1&count=2");
    expect(connection.status).toBe(200);
    expect(connection.json).toMatchObject({ schemas: [LIST], totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    expect(connection.json.Resources).toHaveLength(2);

    const userName = `okta.${unique()}@example.com`;
    expect((await scim.get("/Users" + filterQuery(`userName eq "${userName}"`, "&startIndex=1&count=100"))).json).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim.post("/Users", {
      schemas: [USER],
      userName,
      name: { givenName: "Okta", familyName: "Person" },
      emails: [{ primary: true, value: userName, type: "work" }],
      displayName: "Okta Person",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ schemas: [USER], userName, displayName: "Okta Person", active: true, externalId: "00ujl29u0le5T6Aj10h7", meta: { resourceType: "User" } });
    expect(created.json).not.toHaveProperty("password");
    const id = created.json.id as string;
    expect(created.json.meta.location).toMatch(new RegExp(`/scim/v2/Users/${id}$`));
    expect(created.json.meta.version).toMatch(/^W\/"\d+"$/);

    const read = await scim.get(`/Users/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe(read.json.meta.version);

    const put = await scim.put(`/Users/${id}`, { ...created.json, name: { givenName: "Okta", familyName: "Renamed" }, displayName: "Okta Renamed" });
    expect(put.json).toMatchObject({ displayName: "Okta Renamed", name: { familyName: "Renamed" } });
    expect(Date.parse(put.json.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(created.json.meta.lastModified));

    const deactivated = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] });
    expect(deactivated.json.active).toBe(false);
    const reactivated = await scim.put(`/Users/${id}`, { ...put.json, active: true });
    expect(reactivated.json.active).toBe(true);
    // Users created by SCIM have no password: they sign in with single sign-on.
    expect((await userById(id))?.passwordHash.startsWith("$2")).toBe(false);
  });

  test("Entra ID: the probe adopts a person added on the Users page; Replace without a path and active \"False\" deprovision them as the Users page does", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's script" });
    expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);

    const probe = await scim.get("/Users" + filterQuery(`userName eq "${tenant.operator.email.toUpperCase()}"`));
    expect(probe.json.totalResults).toBe(1);
    const id = probe.json.Resources[0].id as string;
    expect(id).toBe(tenant.operator.id);

    const update = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Add", value: { "name.givenName": "Ops", "name.familyName": "Person", [`${ENTERPRISE}:employeeNumber`]: "701984" } },
        { op: "Replace", path: 'emails[type eq "work"].value', value: tenant.operator.email },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Security" },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: tenant.admin.id },
        { op: "Replace", path: "title", value: "Analyst" },
      ],
    });
    expect(update.status).toBe(200);
    expect(update.json).toMatchObject({ name: { givenName: "Ops", familyName: "Person" }, title: "Analyst", [ENTERPRISE]: { employeeNumber: "701984", department: "Security", manager: tenant.admin.id } });
    expect(update.json.schemas).toEqual([USER, ENTERPRISE]);
    const removedManager = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: `${ENTERPRISE}:manager`, value: [{ value: tenant.admin.id }] }] });
    expect(removedManager.json[ENTERPRISE]).not.toHaveProperty("manager");

    const disabled = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", value: { active: "False" } }] });
    expect(disabled.json.active).toBe(false);
    const refused = await callApi("/api/v1/whoami/", { token: token.value });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("permission_denied");
    const audit = await latestAuditEvent(tenant.id, "user.deprovisioned");
    expect(JSON.parse(audit!.details)).toMatchObject({ via: "provisioning", actor: "SCIM provisioning" });
    expect((await userById(id))?.sessionVersion).toBeGreaterThan(0);
    expect((await scim.get("/Users" + filterQuery("active eq false"))).json.Resources.map((user: { id: string }) => user.id)).toEqual([id]);

    const enabled = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "True" }] });
    expect(enabled.json.active).toBe(true);
    expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);
  });

  test("RFC 7643's full user round-trips, and RFC 7644's filters, paging and projections answer from the database", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const tag = unique();
    const babs = await scim.post("/Users", {
      schemas: [USER, ENTERPRISE],
      externalId: `701984-${tag}`,
      userName: `bjensen-${tag}@example.com`,
      name: { formatted: "Ms. Barbara J Jensen, III", familyName: "Jensen", givenName: "Barbara", middleName: "Jane", honorificPrefix: "Ms.", honorificSuffix: "III" },
      displayName: "Babs Jensen",
      nickName: "Babs",
      profileUrl: "https://login.example.com/bjensen",
      emails: [
        { value: `bjensen-${tag}@example.com`, type: "work", primary: true },
        { value: "babs@jensen.org", type: "home" },
      ],
      addresses: [{ type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", region: "CA", postalCode: "91608", country: "USA", primary: true }],
      phoneNumbers: [{ value: "555-555-5555", type: "work" }],
      userType: "Employee",
      title: "Tour Guide",
      preferredLanguage: "en-US",
      locale: "en-US",
      timezone: "America/Los_Angeles",
      active: true,
      [ENTERPRISE]: { employeeNumber: "701984", costCenter: "4130", organization: "Universal Studios", division: "Theme Park", department: "Tour Operations", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d", displayName: "John Smith" } },
    });
    expect(babs.status).toBe(201);
    expect(babs.json).toMatchObject({ nickName: "Babs", addresses: [{ locality: "Hollywood" }], phoneNumbers: [{ value: "555-555-5555" }], [ENTERPRISE]: { costCenter: "4130", manager: { displayName: "John Smith" } } });
    const id = babs.json.id as string;

    const ids = async (filter: string) => (await scim.get("/Users" + filterQuery(filter))).json.Resources.map((user: { id: string }) => user.id);
    expect(await ids(`userName eq "BJENSEN-${tag}@example.com"`)).toEqual([id]);
    expect(await ids(`userName sw "bjensen-${tag}" and userName ew "example.com"`)).toEqual([id]);
    expect(await ids(`externalId eq "701984-${tag}" or displayName eq "nobody"`)).toEqual([id]);
    expect(await ids(`emails[type eq "work" and value co "${tag}"]`)).toEqual([id]);
    expect(await ids(`emails.value co "${tag}"`)).toEqual([id]);
    expect(await ids(`emails[type eq "work"].value eq "bjensen-${tag}@example.com"`)).toEqual([id]);
    expect(await ids(`not (userName ne "bjensen-${tag}@example.com")`)).toEqual([id]);
    expect(await ids(`(displayName eq "Babs Jensen") and (active eq true) and meta.lastModified gt "2011-05-13T04:42:34Z"`)).toEqual([id]);
    expect(await ids(`externalId pr and userName co "${tag}" and meta.created ge "2011-05-13T04:42:34Z" and meta.created le "2999-01-01T00:00:00Z"`)).toEqual([id]);
    expect(await ids(`userName gt "bjensen-${tag}@example.com" and userName lt "bjensen-${tag}@example.comz"`)).toEqual([]);

    const page = await scim.get("/Users?startIndex=3&count=2&attributes=userName,name.familyName");
    expect(page.json).toMatchObject({ totalResults: 4, startIndex: 3, itemsPerPage: 2 });
    const last = page.json.Resources.find((user: { id: string }) => user.id === id);
    expect(last).toEqual({ schemas: [USER, ENTERPRISE], id, userName: `bjensen-${tag}@example.com`, name: { familyName: "Jensen" } });
    const slim = await scim.get(`/Users/${id}?excludedAttributes=emails,${ENTERPRISE}:manager,name`);
    expect(slim.json).not.toHaveProperty("emails");
    expect(slim.json).not.toHaveProperty("name");
    expect(slim.json[ENTERPRISE]).toEqual({ employeeNumber: "701984", costCenter: "4130", organization: "Universal Studios", division: "Theme Park", department: "Tour Operations" });
    expect((await scim.get("/Users?count=0")).json).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
  });

  test("DELETE deprovisions, hides the user from SCIM (404) and refuses their token; creating them again brings them back", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Reader's script" });
    expect((await scim.delete(`/Users/${tenant.reader.id}`)).status).toBe(204);
    expect((await scim.get(`/Users/${tenant.reader.id}`)).status).toBe(404);
    expect((await scim.get("/Users" + filterQuery(`userName eq "${tenant.reader.email}"`))).json.totalResults).toBe(0);
    expect((await callApi("/api/v1/whoami/", { token: token.value })).json.error.code).toBe("permission_denied");
    expect((await scim.delete(`/Users/${tenant.reader.id}`)).status).toBe(404);

    const back = await scim.post("/Users", { schemas: [USER], userName: tenant.reader.email, active: true });
    expect(back.status).toBe(201);
    expect(back.json).toMatchObject({ id: tenant.reader.id, active: true });
    expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);
  });
});

test.describe("SCIM groups", () => {
  test("Entra ID and Okta group requests; membership in a named group gives the role, and the token follows at once", async ({ request, tenant }) => {
    await mapRoleGroups(tenant.id, { adminGroup: "Keyport Admins", readerGroup: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", defaultRole: "NONE" });
    const scim = scimClient(request, await scimSecretOf(tenant));
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "Operator's tool" });
    const scopes = async () => (await callApi("/api/v1/whoami/", { token: token.value })).json.scopes;
    expect(await scopes()).toContain("Investigation.manage");

    // Entra ID: its own group schema beside the core one, the externalId being the group's object id.
    const readers = await scim.post("/Groups", { schemas: [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"], externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", displayName: "Readers", meta: { resourceType: "Group" } });
    expect(readers.status).toBe(201);
    expect(readers.json).toMatchObject({ schemas: [GROUP], displayName: "Readers", members: [], meta: { resourceType: "Group" } });
    const groupId = readers.json.id as string;
    expect((await scim.get(`/Groups${filterQuery('displayName eq "readers"', "&excludedAttributes=members")}`)).json.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);

    await scim.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: tenant.operator.id }] }] });
    expect(await scopes()).toEqual(["Investigation.read", "Discovery.read", "Settings.read"]);
    expect((await scim.get(`/Groups${filterQuery(`members[value eq "${tenant.operator.id}"]`)}`)).json.totalResults).toBe(1);
    expect((await scim.get(`/Users/${tenant.operator.id}`)).json.groups).toEqual([expect.objectContaining({ value: groupId, display: "Readers" })]);

    // Okta: replace without a path (its id repeated), then members added with their display and removed by a value path.
    const admins = await scim.post("/Groups", { schemas: [GROUP], displayName: "Test SCIMv2", members: [] });
    await scim.patch(`/Groups/${admins.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { id: admins.json.id, displayName: "Keyport Admins" } }] });
    await scim.patch(`/Groups/${admins.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: tenant.operator.id, display: tenant.operator.email }] }] });
    expect(await scopes()).toHaveLength(6);
    await scim.patch(`/Groups/${admins.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${tenant.operator.id}"]` }] });
    expect(await scopes()).toEqual(["Investigation.read", "Discovery.read", "Settings.read"]);

    // Entra ID: members removed with a value list; out of every named group the default is No access.
    await scim.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: tenant.operator.id }] }] });
    const denied = await callApi("/api/v1/whoami/", { token: token.value });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("permission_denied");

    // A person never placed in a named group keeps the role an admin gave them.
    const everyone = await scim.post("/Groups", { schemas: [GROUP], displayName: "Everyone", members: [{ value: tenant.reader.id }] });
    expect(everyone.json.members).toEqual([expect.objectContaining({ value: tenant.reader.id })]);
    expect((await userById(tenant.reader.id))?.role).toBe("SECURITY_READER");
    const renamed = await scim.put(`/Groups/${everyone.json.id}`, { schemas: [GROUP], displayName: "Everyone else", members: [] });
    expect(renamed.json).toMatchObject({ displayName: "Everyone else", members: [] });
    expect((await scim.delete(`/Groups/${everyone.json.id}`)).status).toBe(204);
    expect((await scim.get(`/Groups/${everyone.json.id}`)).status).toBe(404);
  });
});

test.describe("SCIM bad input", () => {
  test("each refusal is the RFC's error JSON with its status and scimType, never a 500, and nothing changes", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const expectError = (answer: { status: number; json: any }, status: number, scimType?: string) => {
      expect(answer.status, JSON.stringify(answer.json)).toBe(status);
      expect(answer.json).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
      expect(typeof answer.json.detail).toBe("string");
    };
    const before = await scim.get(`/Users/${tenant.reader.id}`);

    expectError(await scim.post("/Users", '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": '), 400, "invalidSyntax");
    expectError(await scim.post("/Users", { schemas: ["urn:example:unknown:2.0:User"], userName: "x@example.com" }), 400, "invalidValue");
    expectError(await scim.post("/Users", { schemas: [USER] }), 400, "invalidValue");
    expectError(await scim.post("/Users", { schemas: [USER], userName: tenant.reader.email.toUpperCase() }), 409, "uniqueness");
    expectError(await scim.post("/Users", { schemas: [USER], userName: "x@example.com", active: "maybe" }), 400, "invalidValue");
    expectError(await scim.get("/Users" + filterQuery('userName eq "unterminated')), 400, "invalidFilter");
    expectError(await scim.get("/Users" + filterQuery("userName zz \"x\"")), 400, "invalidFilter");
    expectError(await scim.get("/Users" + filterQuery('shoeSize eq "44"')), 400, "invalidFilter");
    expectError(await scim.get("/Users" + filterQuery('meta.created gt "yesterday"')), 400, "invalidFilter");
    expectError(await scim.get("/Users?startIndex=abc"), 400, "invalidValue");

    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "shoeSize", value: 44 }] }), 400, "invalidPath");
    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "userName", value: tenant.admin.email }] }), 409, "uniqueness");
    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "jump", path: "title", value: "x" }] }), 400, "invalidSyntax");
    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "remove" }] }), 400, "noTarget");
    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "id", value: "mine" }] }), 400, "mutability");
    expectError(await scim.patch(`/Users/${tenant.reader.id}`, { Operations: [{ op: "replace", path: "title", value: "x" }] }), 400, "invalidSyntax");
    const after = await scim.get(`/Users/${tenant.reader.id}`);
    expect(after.json).toEqual(before.json);

    const group = await scim.post("/Groups", { schemas: [GROUP], displayName: "Big", members: [{ value: tenant.reader.id }] });
    const tenThousand = Array.from({ length: 10_000 }, (_, index) => ({ value: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}` }));
    expectError(await scim.patch(`/Groups/${group.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: tenThousand }] }), 400, "invalidValue");
    expectError(await scim.patch(`/Groups/${group.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: tenant.admin.id }, { value: "no-such-user" }] }] }), 400, "invalidValue");
    expectError(await scim.post("/Groups", { schemas: [GROUP], displayName: "BIG" }), 409, "uniqueness");
    expect((await scim.get(`/Groups/${group.json.id}`)).json.members).toEqual([expect.objectContaining({ value: tenant.reader.id })]);

    const huge = { schemas: [USER], userName: "huge@example.com", title: "x".repeat(1_100_000) };
    expectError(await scim.post("/Users", huge), 413);
    expect((await scim.get("/Users" + filterQuery('userName eq "huge@example.com"'))).json.totalResults).toBe(0);
    expectError(await scim.get("/Users/00000000-0000-4000-8000-000000000000"), 404);
    expectError(await scim.get("/Nowhere"), 404);

    // The tenant's last active Global administrator cannot be deprovisioned or deleted this way.
    expectError(await scim.patch(`/Users/${tenant.admin.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Gone" }, { op: "replace", path: "active", value: false }] }), 409);
    expectError(await scim.delete(`/Users/${tenant.admin.id}`), 409);
    expect((await scim.get(`/Users/${tenant.admin.id}`)).json).toMatchObject({ active: true, displayName: tenant.admin.name });
  });

  test("another tenant's users and groups are 404, whatever the method", async ({ request, tenant }) => {
    const scim = scimClient(request, await scimSecretOf(tenant));
    const group = await scim.post("/Groups", { schemas: [GROUP], displayName: "Ours" });
    const { createFreshTenant } = await import("../support/fixtures");
    const other = await createFreshTenant();
    const theirs = scimClient(request, await scimSecretOf(other));
    for (const answer of [
      await theirs.get(`/Users/${tenant.reader.id}`),
      await theirs.put(`/Users/${tenant.reader.id}`, { schemas: [USER], userName: "steal@example.com" }),
      await theirs.patch(`/Users/${tenant.reader.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] }),
      await theirs.delete(`/Users/${tenant.reader.id}`),
      await theirs.get(`/Groups/${group.json.id}`),
      await theirs.patch(`/Groups/${group.json.id}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: other.reader.id }] }] }),
      await theirs.delete(`/Groups/${group.json.id}`),
    ]) {
      expect(answer.status).toBe(404);
    }
    expect((await theirs.get("/Users" + filterQuery(`userName eq "${tenant.reader.email}"`))).json.totalResults).toBe(0);
    const theirGroup = await theirs.post("/Groups", { schemas: [GROUP], displayName: "Theirs", members: [{ value: tenant.reader.id }] });
    expect(theirGroup.status).toBe(400);
    expect((await scim.get(`/Users/${tenant.reader.id}`)).json).toMatchObject({ active: true, userName: tenant.reader.email });
  });
});
