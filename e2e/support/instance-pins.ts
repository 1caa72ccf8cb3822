// Browser contexts pinned to one instance of the PostgreSQL run (through the proxy, same origin).
import type { Browser, BrowserContext } from "@playwright/test";
import { PIN_HEADER } from "./round-robin-proxy";
import { signInContext } from "./fixtures";

/** A browser context whose every request goes to instance `index`, signed in as `email`. */
export async function contextOnInstance(browser: Browser, index: number, email: string, password?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: { [PIN_HEADER]: String(index) } });
  await signInContext(context, email, password);
  return context;
}
