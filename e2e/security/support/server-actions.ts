// What a fuzzer needs to call the portal's server actions as a browser would, found from outside:
// a session signed in over next-auth's own endpoints, and the action ids the pages' scripts name.
import { send } from "./raw-http";

/** Signs in through next-auth's CSRF token and credentials form; returns the Cookie header of the session. */
export async function signInOverHttp(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (setCookie: string[] | undefined) => {
    for (const line of setCookie ?? []) {
      const [pair] = line.split(";");
      jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await send({ path: "/api/auth/csrf" });
  keep(csrf.headers["set-cookie"]);
  const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email, password, json: "true" }).toString();
  const signIn = await send({ method: "POST", path: "/api/auth/callback/credentials", headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" }, body: form });
  keep(signIn.headers["set-cookie"]);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`could not sign in ${email} over HTTP: ${signIn.status} ${signIn.text.slice(0, 200)}`);
  return cookieHeader();
}

/** The server-action ids the scripts of these pages name (each build makes its own ids). */
export async function actionIdsOfPages(cookie: string, paths: string[]): Promise<string[]> {
  const scripts = new Set<string>();
  for (const path of paths) {
    const page = await send({ path, headers: { cookie } });
    for (const match of page.text.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)) scripts.add(match[1]);
  }
  const ids = new Set<string>();
  for (const script of scripts) {
    const source = (await send({ path: script })).text;
    for (const match of source.matchAll(/createServerReference\)\("([0-9a-f]{42})"/g)) ids.add(match[1]);
  }
  return [...ids];
}
