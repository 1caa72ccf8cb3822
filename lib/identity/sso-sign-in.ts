// Single sign-on, from the email typed on the sign-in page to a Keyport user:
//   start:    the email's domain names the tenant (one tenant a domain), whose provider gets an
//             authorization request with PKCE (S256), state and nonce; those travel in a sealed cookie.
//   callback: openid-client exchanges the code and checks the ID token (signature, iss, aud, exp,
//             nonce, state, PKCE); Keyport then checks the email (verified unless the provider is silent
//             about it, in one of the tenant's domains), finds or creates the user, and sets the role the
//             provider's groups give at this sign-in.
// Every refusal is an AppError whose message is one of SSO_REFUSALS (the sign-in page shows it), and,
// once the tenant is known, an audit entry saying why.
import * as oidc from "openid-client";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, isAppError } from "@/lib/errors";
import { relyingParty, type RelyingParty } from "@/lib/identity/relying-party";
import { loadSsoConfiguration, ssoRedirectUri, type SsoConfiguration } from "@/lib/identity/sso-settings";
import { tenantOfEmailDomain } from "@/lib/identity/sso-domains";
import { SSO_FLOW_MAX_AGE_SECONDS, type SsoFlow } from "@/lib/identity/sealed-cookie";
import { roleForGroups } from "@/lib/identity/role-groups";
import { createUser } from "@/lib/users/create-user";
import { setUserRole } from "@/lib/users/manage-users";
import type { SignInIdentity } from "@/lib/users/authenticate-user";
import { SSO_REFUSALS, type SsoRefusalCode } from "@/lib/users/sign-in-messages";
import { ROLE_LABELS } from "@/lib/permissions";

/** Not a bcrypt hash: a user created by single sign-on has no password that could ever match. */
export const NO_PASSWORD = "!single-sign-on";

/** The longest a session made by single sign-on lasts, whatever the ID token says: the portal's own limit. */
export const SSO_SESSION_MAX_SECONDS = 8 * 60 * 60;

function refusal(code: SsoRefusalCode): AppError {
  return new AppError(code === "SsoProviderUnavailable" ? "unavailable" : "unauthorized", SSO_REFUSALS[code]);
}

/** The refusal code a refused sign-in's message stands for (the sign-in page is sent the code, not the words). */
export function refusalCodeOf(error: unknown): SsoRefusalCode | null {
  if (!isAppError(error)) return null;
  const entry = Object.entries(SSO_REFUSALS).find(([, message]) => message === error.message);
  return (entry?.[0] as SsoRefusalCode | undefined) ?? null;
}

async function auditRefusal(tenantId: string, reason: string, details: Record<string, unknown> = {}): Promise<void> {
  await recordAuditEvent(
    { tenantId, actorUserId: null, actorLabel: "single sign-on", action: "user.ssoSignInRefused", targetType: "TENANT", targetId: tenantId, targetLabel: typeof details.email === "string" ? details.email : "Single sign-on", details: { reason, ...details } },
    db,
  );
}

async function partyOf(settings: SsoConfiguration): Promise<RelyingParty> {
  try {
    return await relyingParty(settings);
  } catch (error) {
    console.warn(`keyport: single sign-on of tenant ${settings.tenantId} could not read its provider's discovery document: ${(error as Error).message}`);
    await auditRefusal(settings.tenantId, `The identity provider could not be reached: ${(error as Error).message}`);
    throw refusal("SsoProviderUnavailable");
  }
}

/** Where the browser goes to sign in at the provider, and the flow to seal into the cookie. */
export async function startSsoSignIn(email: string, next: string, now = new Date()): Promise<{ authorizationUrl: string; flow: SsoFlow }> {
  const address = email.trim().toLowerCase();
  if (!address || address.length > 320) throw refusal("SsoNoEmail");
  const tenantId = await tenantOfEmailDomain(address);
  const settings = tenantId ? await loadSsoConfiguration(tenantId) : null;
  if (!settings) throw refusal("SsoUnknownDomain");
  const party = await partyOf(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(party.configuration, {
    redirect_uri: ssoRedirectUri(),
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: address,
  });
  return { authorizationUrl: url.href, flow: { tenantId: settings.tenantId, state, nonce, codeVerifier, next, expiresAt: Math.floor(now.getTime() / 1000) + SSO_FLOW_MAX_AGE_SECONDS } };
}

export type SsoSignedIn = SignInIdentity & {
  /** Epoch seconds at which the session ends: the ID token's expiry, or the portal's own limit if sooner. */
  sessionEndsAt: number;
  /** The provider's end-session endpoint, offered at sign-out; null when it has none. */
  endSessionUrl: string | null;
  next: string;
};

/** The provider's groups of the person: the `groups` and `roles` claims (Entra ID sends app roles as `roles`). */
export function groupsOf(claims: Record<string, unknown>): string[] {
  const groups: string[] = [];
  for (const claim of [claims.groups, claims.roles]) {
    if (Array.isArray(claim)) {
      for (const group of claim) if (typeof group === "string") groups.push(group);
    } else if (typeof claim === "string") groups.push(claim);
  }
  return groups;
}

/**
 * The callback: `search` is the query string the provider sent the browser back with, `flow` the opened
 * cookie (null when it is missing, forged or lapsed: a replayed or stale callback).
 */
export async function finishSsoSignIn(search: string, flow: SsoFlow | null, now = new Date()): Promise<SsoSignedIn> {
  if (!flow) throw refusal("SsoExpired");
  const settings = await loadSsoConfiguration(flow.tenantId);
  if (!settings) throw refusal("SsoUnknownDomain");
  const callbackUrl = new URL(ssoRedirectUri());
  callbackUrl.search = search;
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) {
    await auditRefusal(settings.tenantId, `The identity provider answered ${providerError.slice(0, 100)}: ${(callbackUrl.searchParams.get("error_description") ?? "").slice(0, 300)}`);
    throw refusal("SsoProviderRefused");
  }
  return signInWithAnswer(settings, await partyOf(settings), callbackUrl, flow, now);
}

/** What openid-client found wrong, with the cause it names (the claim, the key), for the audit log and the server log. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? cause.message : cause && typeof cause === "object" ? JSON.stringify(cause, (key, value) => (key === "jwks" || key === "candidates" ? undefined : value)) : "";
  return `${error.message}${causeText ? ` (${causeText.slice(0, 300)})` : ""}`;
}

/** The code exchange and every check after it (apart, so tests can hand it a relying party of their own). */
export async function signInWithAnswer(settings: SsoConfiguration, party: RelyingParty, callbackUrl: URL, flow: SsoFlow, now = new Date()): Promise<SsoSignedIn> {
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(party.configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
  } catch (error) {
    const reason = reasonOf(error);
    console.warn(`keyport: single sign-on of tenant ${settings.tenantId} refused the provider's answer: ${reason}`);
    await auditRefusal(settings.tenantId, `The provider's answer failed a check: ${reason.slice(0, 500)}`);
    throw refusal("SsoTokenRefused");
  }

  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || !email.includes("@")) {
    await auditRefusal(settings.tenantId, "The ID token carries no email.", { subject: claims.sub });
    throw refusal("SsoNoEmailClaim");
  }
  // Absent is accepted: Entra ID sends no email_verified at all.
  if (claims.email_verified === false || claims.email_verified === "false") {
    await auditRefusal(settings.tenantId, "The provider says the email is not verified.", { email });
    throw refusal("SsoEmailUnverified");
  }
  const domain = email.split("@").pop()!;
  if (!settings.domains.includes(domain)) {
    await auditRefusal(settings.tenantId, `The email's domain ${domain} is not one of the tenant's single sign-on domains.`, { email });
    throw refusal("SsoEmailOutsideDomains");
  }
  const identity = await signInSsoUser(settings, email, typeof claims.name === "string" ? claims.name : null, groupsOf(claims), now);

  const portalLimit = Math.floor(now.getTime() / 1000) + SSO_SESSION_MAX_SECONDS;
  const tokenExpiry = typeof claims.exp === "number" ? claims.exp : portalLimit;
  const endSession = typeof party.metadata.end_session_endpoint === "string" ? party.metadata.end_session_endpoint : null;
  return {
    ...identity,
    sessionEndsAt: Math.min(tokenExpiry, portalLimit),
    endSessionUrl: endSession ? oidc.buildEndSessionUrl(party.configuration, { client_id: settings.clientId }).href : null,
    next: flow.next,
  };
}

/**
 * The tenant's user with this email (letter case aside), created on a first sign-in with no usable
 * password; refused when deprovisioned in Keyport (whatever the provider says) or when the groups give
 * no access. A role the groups change is set through the Users page's own path, so the user's tokens
 * follow at once on every instance.
 */
export async function signInSsoUser(settings: SsoConfiguration, email: string, name: string | null, groups: string[], now = new Date()): Promise<SignInIdentity> {
  const tenantId = settings.tenantId;
  const role = roleForGroups(settings, groups);
  // The person SCIM provisioned under this userName first (their email column may hold another address),
  // else the one with this email.
  let user = (await db.user.findFirst({ where: { tenantId, scimUserNameKey: email } })) ?? (await db.user.findFirst({ where: { tenantId, email } }));
  if (user?.deprovisionedAt) {
    await auditRefusal(tenantId, "The user is deprovisioned in Keyport.", { email });
    throw refusal("SsoDeprovisioned");
  }
  if (role === "NONE") {
    await auditRefusal(tenantId, "The provider's groups give no role and the default role is No access.", { email, groups: groups.slice(0, 50) });
    throw refusal("SsoNoAccess");
  }
  if (!user) {
    try {
      user = await createUser({ tenantId, email, name: name?.trim().slice(0, 100) || email.split("@")[0], role, passwordHash: NO_PASSWORD, actorUserId: null });
    } catch (error) {
      // The same person's first sign-in in two tabs at once: the unique email answers, the row is there.
      if ((error as { code?: unknown } | null)?.code !== "P2002") throw error;
      user = await db.user.findFirst({ where: { tenantId, email } });
      if (!user) throw error;
    }
  } else if (user.role !== role) {
    try {
      await setUserRole({ tenantId, userId: user.id, label: "single sign-on", role: null }, user.id, role);
    } catch (error) {
      // The provider would demote the tenant's last Global administrator: keep the role rather than lock everyone out.
      if (!(isAppError(error) && error.code === "conflict")) throw error;
      console.warn(`keyport: single sign-on kept the last Global administrator of tenant ${tenantId} in their role`);
    }
  }
  const updated = await db.user.update({ where: { id: user.id, tenantId }, data: { lastSsoSignInAt: now } });
  await recordAuditEvent(
    { tenantId, actorUserId: user.id, actorLabel: "single sign-on", action: "user.ssoSignIn", targetType: "USER", targetId: user.id, details: { email, role: ROLE_LABELS[updated.role as keyof typeof ROLE_LABELS] ?? updated.role } },
    db,
  );
  return { id: updated.id, tenantId, role: updated.role, sessionVersion: updated.sessionVersion, name: updated.name, email: updated.email };
}

/**
 * The provider's end-session URL for a tenant that signs in with single sign-on, offered on the sign-in
 * page after signing out of Keyport; null when the provider has none (or cannot be reached now).
 */
export async function providerSignOutUrl(tenantId: string): Promise<string | null> {
  try {
    const settings = await loadSsoConfiguration(tenantId);
    if (!settings) return null;
    const party = await relyingParty(settings);
    if (typeof party.metadata.end_session_endpoint !== "string") return null;
    return oidc.buildEndSessionUrl(party.configuration, { client_id: settings.clientId }).href;
  } catch (error) {
    console.warn(`keyport: the identity provider's sign-out of tenant ${tenantId} is not offered: ${(error as Error).message}`);
    return null;
  }
}
