// The sign-in limit holds under any concurrency and across instances: of 200 simultaneous wrong
// passwords for one email, each from a client IP of its own, at most 10 are checked against the
// password; the others are answered "Too many failed sign-ins" without a check. In the PostgreSQL run
// the attempts go through the round-robin proxy, so both instances answer them. The forms are fetched
// first and then all sent at once, so nothing but the sign-ins themselves runs in between.
import { latestAuditEvent } from "../support/e2e-data";
import { db } from "@/lib/db/client";
import { expect, FIXTURE_PASSWORD, test } from "../support/fixtures";
import { freshLoopbackIp, prepareSignIn, sendSignIn, signInOverHttp } from "../auth/sign-in-http";

const ATTEMPTS = 200;
const LIMIT = 10;

test.describe.configure({ timeout: 180_000 });

test("200 simultaneous wrong passwords for one email, from 200 client IPs: at most 10 are checked, the rest are throttled", async ({ tenant }) => {
  const email = tenant.admin.email;
  const sources = Array.from({ length: ATTEMPTS }, () => freshLoopbackIp());
  const prepared = await Promise.all(sources.map((from) => prepareSignIn({ from })));
  const outcomes = await Promise.all(prepared.map((form, index) => sendSignIn(email, `wrong-password-${index}`, form, { from: sources[index] })));

  const checked = outcomes.filter((outcome) => outcome.error === "CredentialsSignin");
  const throttled = outcomes.filter((outcome) => outcome.error === "SignInThrottled");
  // On a machine loaded far beyond its cores a few attempts may find no database connection in time:
  // those are answered with an error and check no password either. Nothing else is acceptable.
  const others = outcomes.filter((outcome) => outcome !== undefined && !checked.includes(outcome) && !throttled.includes(outcome));
  expect(others.filter((outcome) => !/timeout/i.test(outcome.error ?? "")), JSON.stringify(others.slice(0, 3))).toEqual([]);
  expect(throttled.length).toBeGreaterThanOrEqual(ATTEMPTS / 2);
  expect(checked.length).toBeGreaterThan(0);
  expect(checked.length).toBeLessThanOrEqual(LIMIT);
  expect(outcomes.every((outcome) => outcome.sessionCookie === null)).toBe(true);
  // Every checked password is one "sign-in failed" entry in the tenant's audit log: at most the limit.
  const audited = await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.signInFailed", targetId: tenant.admin.id } });
  expect(audited).toBeGreaterThanOrEqual(checked.length);
  expect(audited).toBeLessThanOrEqual(LIMIT);

  // The email is throttled now, for the right password too, from anywhere.
  expect(await signInOverHttp(email, FIXTURE_PASSWORD, { from: freshLoopbackIp() })).toMatchObject({ error: "SignInThrottled", sessionCookie: null });
  if (checked.length === LIMIT) expect(await latestAuditEvent(tenant.id, "user.signInLocked")).not.toBeNull();
});

test("the right password sent together with wrong ones within the limit signs in", async ({ tenant }) => {
  const email = tenant.operator.email;
  const sources = Array.from({ length: 6 }, () => freshLoopbackIp());
  const prepared = await Promise.all(sources.map((from) => prepareSignIn({ from })));
  const outcomes = await Promise.all(prepared.map((form, index) => sendSignIn(email, index === 5 ? FIXTURE_PASSWORD : `wrong-${index}`, form, { from: sources[index] })));
  expect(outcomes.slice(0, 5).map((outcome) => outcome.error)).toEqual(Array(5).fill("CredentialsSignin"));
  expect(outcomes[5].error).toBeNull();
  expect(outcomes[5].sessionCookie).not.toBeNull();
});
