// Signing keys survive a change of NEXTAUTH_SECRET, on a real database file: a key sealed with the old
// secret opens while the old secret is listed in KEYPORT_PREVIOUS_SECRETS (and is sealed again with
// the new one); when no secret opens it, it is retired (its public key stays published until its
// tokens expire) and a fresh key signs. The token endpoint never answers 500 over it.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignJWT, jwtVerify } from "jose";
import type { UserActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { addAppPermissions, createClientSecret, grantAdminConsent, registerApp } from "@/lib/oauth/apps";
import { DEFAULT_SCOPE } from "@/lib/oauth/constants";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { decryptPrivateKey } from "@/lib/oauth/key-encryption";
import { KEY_CACHE_TTL_MS, RETIRED_KEY_GRACE_MS, currentSigner, publishedKeys, rotateSigningKey, verificationKey } from "@/lib/oauth/signing-keys";

function useSecrets(current: string, previous?: string) {
  vi.stubEnv("NEXTAUTH_SECRET", current);
  vi.stubEnv("KEYPORT_PREVIOUS_SECRETS", previous);
}

/** A moment past the signer cache's life: what a restarted instance sees. */
let clock = Date.now();
function afterRestart(): number {
  // Past the life of anything cached so far, however long the earlier steps took on a busy machine.
  clock = Math.max(clock, Date.now()) + KEY_CACHE_TTL_MS + 1000;
  return clock;
}

async function signAndVerify(now: number) {
  const signer = await currentSigner(now);
  const token = await new SignJWT({ probe: true }).setProtectedHeader({ alg: "RS256", kid: signer.kid }).sign(signer.privateKey);
  const key = await verificationKey(signer.kid, now);
  expect(key).not.toBeNull();
  await expect(jwtVerify(token, key!)).resolves.toBeTruthy();
  return signer.kid;
}

const ROOT = path.resolve(__dirname, "../..");

/**
 * A server process restarted with another secret, on the same database: it asks the token endpoint for
 * a token and the JWKS for the keys, through the real route handlers, and reports what they answered.
 */
function restartedInstance(secret: string, tenantId: string, clientId: string, clientSecret: string): { tokenStatus: number; token: { error?: string; access_token?: string }; jwksStatus: number; kids: string[] } {
  const script = `
    import { tokenEndpoint, jwks } from "@/lib/oauth/endpoints";
    (async () => {
      const params = Promise.resolve({ tenantId: ${JSON.stringify(tenantId)} });
      const form = new URLSearchParams({ grant_type: "client_credentials", scope: ${JSON.stringify(DEFAULT_SCOPE)}, client_id: ${JSON.stringify(clientId)}, client_secret: ${JSON.stringify(clientSecret)} });
      const token = await tokenEndpoint("2.0")(new Request("http://localhost:3000/t/oauth2/v2.0/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() }), { params });
      const keys = await jwks(new Request("http://localhost:3000/t/discovery/v2.0/keys"), { params });
      const keysBody = keys.status === 200 ? await keys.json() : { keys: [] };
      console.log("RESULT " + JSON.stringify({ tokenStatus: token.status, token: await token.json(), jwksStatus: keys.status, kids: keysBody.keys.map((key) => key.kid) }));
      process.exit(0);
    })().catch((error) => { console.log("RESULT " + JSON.stringify({ tokenStatus: 0, token: { error: String(error) }, jwksStatus: 500, kids: [] })); process.exit(0); });
  `;
  const output = execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--eval", script], {
    cwd: ROOT,
    env: { ...process.env, NEXTAUTH_SECRET: secret, KEYPORT_PREVIOUS_SECRETS: "" },
    encoding: "utf8",
  });
  const line = output.split("\n").find((entry) => entry.startsWith("RESULT "));
  return JSON.parse(line!.slice("RESULT ".length));
}

describe("signing keys across a change of the app secret", () => {
  beforeEach(() => {
    clock = Date.now();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("a server restarted with a new secret (and no record of the old one) still issues tokens and publishes the old key", async () => {
    useSecrets("secret-R-0123456789abcdef");
    const tenant = await createTenant({ slug: `rot-${randomBytes(4).toString("hex")}`, name: "Rotation" });
    const admin = await createUser({ tenantId: tenant.id, email: `a@${tenant.slug}.test`, name: "A", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
    const app = await registerApp(actor, { name: "Rotating", multiTenant: false });
    await addAppPermissions(actor, app.id, ["Investigation.read"]);
    await grantAdminConsent(actor, app.id);
    const { value } = await createClientSecret(actor, app.id, { description: "ci", months: 6 });
    const oldKid = await rotateSigningKey();

    const restarted = restartedInstance("secret-S-0123456789abcdef", tenant.id, app.id, value);
    expect(restarted.tokenStatus, JSON.stringify(restarted.token)).toBe(200);
    const header = JSON.parse(Buffer.from(restarted.token.access_token!.split(".")[0], "base64url").toString()) as { kid: string };
    expect(header.kid).not.toBe(oldKid);
    expect(restarted.jwksStatus).toBe(200);
    expect(restarted.kids).toEqual(expect.arrayContaining([oldKid, header.kid]));
  }, 60_000);

  it("a new secret with no record of the old one: the old key is retired but still published, a fresh key signs", async () => {
    useSecrets("secret-A-0123456789abcdef");
    const oldKid = await rotateSigningKey();
    expect(await signAndVerify(afterRestart())).toBe(oldKid);

    useSecrets("secret-B-0123456789abcdef");
    const now = afterRestart();
    const newKid = await signAndVerify(now);
    expect(newKid).not.toBe(oldKid);
    const old = await db.signingKey.findUniqueOrThrow({ where: { kid: oldKid } });
    expect(old.retiredAt).not.toBeNull();
    // Tokens the old key signed still verify until they expire: its public key stays in the JWKS.
    expect((await publishedKeys(now)).map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(await verificationKey(oldKid, now)).not.toBeNull();
    expect((await publishedKeys(old.retiredAt!.getTime() + RETIRED_KEY_GRACE_MS + 1000)).map((key) => key.kid)).not.toContain(oldKid);
    // The fresh key is sealed with the new secret.
    expect(decryptPrivateKey((await db.signingKey.findUniqueOrThrow({ where: { kid: newKid } })).privateKeyEnc)).toContain("PRIVATE KEY");
  });

  it("with the old secret in KEYPORT_PREVIOUS_SECRETS the same key keeps signing, sealed again with the new secret", async () => {
    useSecrets("secret-C-0123456789abcdef");
    const kid = await rotateSigningKey();
    const sealedWithC = (await db.signingKey.findUniqueOrThrow({ where: { kid } })).privateKeyEnc;

    useSecrets("secret-D-0123456789abcdef", "some-older-secret, secret-C-0123456789abcdef");
    expect(await signAndVerify(afterRestart())).toBe(kid);
    const resealed = (await db.signingKey.findUniqueOrThrow({ where: { kid } })).privateKeyEnc;
    expect(resealed).not.toBe(sealedWithC);

    // Now the previous secret can go: the key opens with the new one alone.
    useSecrets("secret-D-0123456789abcdef");
    expect(await signAndVerify(afterRestart())).toBe(kid);
  });
});
