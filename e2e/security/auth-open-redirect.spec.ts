// Sign-in's `next=` only ever leads to a page of Keyport, however it is dressed up: encoded tabs and
// newlines, backslashes, doubled slashes, ideographic full stops, other schemes. Signed out, the form
// sends the person to the default page; signed in, /signin redirects there at once, and never answers
// with a 5xx.
import { expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";
import { FIXTURE_PASSWORD } from "../support/fixtures";

const ORIGIN = `http://localhost:${PORT}`;

// Raw query values, exactly as they appear in the URL a victim is sent.
const TRICKS = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%0aSet-Cookie:%20x=1",
  "/%E3%80%82evil.example",
  "/%5C/evil.example",
  "%5C%5Cevil.example",
  "//evil.example",
  "/%2F/evil.example",
  "/%252F/evil.example",
  "/%2509/evil.example",
  "https://evil.example/",
  "https:evil.example",
  "javascript:alert(1)",
  "%09//evil.example",
  "/%EF%BC%8F/evil.example",
];

test("signed in, /signin?next=<trick> redirects to a page of this origin and never answers 5xx", async ({ context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  for (const trick of TRICKS) {
    const response = await context.request.get(`/signin?next=${trick}`, { maxRedirects: 0 });
    expect(response.status(), trick).toBeLessThan(500);
    expect([303, 307, 308], trick).toContain(response.status());
    const location = response.headers()["location"];
    // Resolved the way a browser does it, after its own clean-up of tabs, newlines and backslashes.
    const cleaned = location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
    expect(new URL(cleaned, `${ORIGIN}/signin`).origin, `${trick} → ${JSON.stringify(location)}`).toBe(ORIGIN);
    expect(location, trick).toBe("/settings/api-tokens");
  }
  // A real page of the site is where it goes.
  const honest = await context.request.get(`/signin?next=${encodeURIComponent("/settings/account")}`, { maxRedirects: 0 });
  expect(honest.headers()["location"]).toBe("/settings/account");
});

test("signed out, a sign-in link with next=/%09/evil.example lands on Keyport after signing in, not elsewhere", async ({ page, tenant }) => {
  for (const trick of ["/%09/evil.example", "/%0a/evil.example", "/%5Cevil.example"]) {
    await page.context().clearCookies();
    await gotoReady(page, `/signin?next=${trick}`);
    await page.getByRole("textbox", { name: "Email" }).fill(tenant.operator.email);
    await page.getByRole("textbox", { name: "Password" }).fill(FIXTURE_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page, trick).toHaveURL(`${ORIGIN}/settings/api-tokens`);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  }
});
