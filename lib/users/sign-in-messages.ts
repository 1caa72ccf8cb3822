// What sign-in says, in one place the server and the sign-in form (a client component) both import:
// so this file imports nothing. next-auth hands a refusal to the browser as an `error` code in a URL;
// the form and the sign-in page turn the code back into the sentence.

export const SIGN_IN_REFUSED = "The email or password is not correct.";
export const SIGN_IN_THROTTLED = "Too many failed sign-ins. Try again in 15 minutes.";
export const SIGN_IN_AMBIGUOUS = "This email has accounts in more than one tenant with this password: sign in at your tenant's URL.";
export const PASSWORD_CHECK_THROTTLED = "Too many failed attempts. Try again in 15 minutes.";
export const SIGN_IN_UNAVAILABLE = "Signing in did not work on our side. Try again in a moment.";

/** The `error` codes of a refused sign-in, as next-auth passes them on. */
export const SIGN_IN_ERROR_CODES = {
  /** next-auth's own code for "authorize() found no user". */
  refused: "CredentialsSignin",
  throttled: "SignInThrottled",
  ambiguous: "SignInAmbiguous",
} as const;

/** The sentence for an `error` code; an unknown code (next-auth has others) gets a generic one. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === SIGN_IN_ERROR_CODES.refused) return SIGN_IN_REFUSED;
  if (code === SIGN_IN_ERROR_CODES.throttled) return SIGN_IN_THROTTLED;
  if (code === SIGN_IN_ERROR_CODES.ambiguous) return SIGN_IN_AMBIGUOUS;
  return SIGN_IN_UNAVAILABLE;
}
