// next-auth's error endpoint sends the browser to the sign-in page with the error code in the URL.
// Whatever that code holds (control characters, characters beyond Latin-1, bytes that are not UTF-8),
// the answer is that redirect with the code percent-encoded, never a 500, and the page it leads to
// is the sign-in form.
import { expect, test } from "../support/fixtures";
import { send } from "./support/raw-http";

test("the sign-in error endpoint redirects to the sign-in page whatever the error code holds", async () => {
  for (const code of ["%00", "%7F", "%0D%0A", "a%0D%0Ab", "%1F", "%E2%80%AE", "%F0%9F%92%A5", "%FF", "%C3%A9", "x&error=%00", "CredentialsSignin"]) {
    const label = `error=${code}`;
    const response = await send({ path: `/api/auth/error?error=${code}` });
    expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBe(302);
    const location = String(response.headers.location);
    // One header value of plain ASCII: the code is percent-encoded, not pasted in.
    expect(location, label).toMatch(/^\/signin\?error=[A-Za-z0-9%._~*'()!-]*$/);
    expect(response.headers["cache-control"], label).toBe("no-store");

    const page = await send({ path: location });
    expect(page.status, label).toBe(200);
    expect(String(page.headers["content-type"]), label).toContain("text/html");
    expect(page.text, label).toContain("Sign in to your tenant");
  }
  // A known code reaches the page as itself: the page names the refusal.
  const known = await send({ path: "/api/auth/error?error=CredentialsSignin" });
  expect(known.headers.location).toBe("/signin?error=CredentialsSignin");
});
