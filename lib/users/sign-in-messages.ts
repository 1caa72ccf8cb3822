// What sign-in says, in one place the server and the sign-in form (a client component) both import:
// so this file imports nothing. next-auth hands a refusal to the browser as an `error` code in a URL;
// the form and the sign-in page turn the code back into the sentence.

export const SIGN_IN_REFUSED = "The email or password is not correct.";
export const SIGN_IN_THROTTLED = "Too many failed sign-ins. Try again in 15 minutes.";
export const SIGN_IN_AMBIGUOUS = "This email has accounts in more than one tenant with this password: sign in at your tenant's URL.";
export const PASSWORD_CHECK_THROTTLED = "Too many failed attempts. Try again in 15 minutes.";
export const SIGN_IN_UNAVAILABLE = "Signing in did not work on our side. Try again in a moment.";
export const SIGN_IN_SSO_REQUIRED = "Your organization requires single sign-on: use \"Sign in with single sign-on\" instead of a password.";

/** Why a single sign-on was refused, by the code the callback sends the sign-in page. */
export const SSO_REFUSALS = {
  SsoNoEmail: "Enter your work email, then choose single sign-on.",
  SsoUnknownDomain: "Single sign-on is not set up for this email's domain. Sign in with your password, or ask your administrator.",
  SsoProviderUnavailable: "Your organization's identity provider could not be reached for single sign-on. Try again in a moment.",
  SsoExpired: "This single sign-on attempt has expired or was already used. Start again with \"Sign in with single sign-on\".",
  SsoProviderRefused: "Your identity provider did not sign you in. Try again, or ask your administrator.",
  SsoTokenRefused: "The identity provider's answer did not pass Keyport's checks, so single sign-on was refused. Ask your administrator.",
  SsoNoEmailClaim: "Your identity provider did not say your email, so single sign-on was refused. Ask your administrator.",
  SsoEmailUnverified: "Your identity provider says your email is not verified, so single sign-on was refused.",
  SsoEmailOutsideDomains: "Your identity provider signed you in with an email outside your organization's single sign-on domains, so single sign-on was refused.",
  SsoNoAccess: "Your groups at the identity provider give you no access to Keyport. Ask your administrator for a role.",
  SsoDeprovisioned: "Your Keyport account is deprovisioned, so single sign-on was refused. Ask your administrator.",
} as const;
export type SsoRefusalCode = keyof typeof SSO_REFUSALS;

/** The `error` codes of a refused sign-in, as next-auth passes them on. */
export const SIGN_IN_ERROR_CODES = {
  /** next-auth's own code for "authorize() found no user". */
  refused: "CredentialsSignin",
  throttled: "SignInThrottled",
  ambiguous: "SignInAmbiguous",
  ssoRequired: "SsoRequired",
} as const;

/** The sentence for an `error` code; an unknown code (next-auth has others) gets a generic one. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === SIGN_IN_ERROR_CODES.refused) return SIGN_IN_REFUSED;
  if (code === SIGN_IN_ERROR_CODES.throttled) return SIGN_IN_THROTTLED;
  if (code === SIGN_IN_ERROR_CODES.ambiguous) return SIGN_IN_AMBIGUOUS;
  if (code === SIGN_IN_ERROR_CODES.ssoRequired) return SIGN_IN_SSO_REQUIRED;
  if (Object.hasOwn(SSO_REFUSALS, code)) return SSO_REFUSALS[code as SsoRefusalCode];
  return SIGN_IN_UNAVAILABLE;
}
