// axe-core in the page under test, run the way the scans need it and no more.
//
// @axe-core/playwright's analyze() injects axe's half-megabyte source into the page on every call, then
// opens a blank page, injects it there a second time and merges the results in it (a mode made for pages
// with cross-origin frames, which the portal has none of). On a loaded 2-core machine that costs about
// two seconds per scan before axe looks at a single element. Here the source is injected once per
// document and axe runs in the page itself: the same rules, the same results, a fraction of the time.
import axe from "axe-core";
import type { Page } from "@playwright/test";

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/** Runs axe's default rule set (WCAG 2.x A/AA and best practices) on the page, or within `selector`. */
export async function axeViolations(page: Page, selector?: string): Promise<axe.Result[]> {
  // Colours are judged once they have settled: a button that was just enabled fades to its colour over a
  // short CSS transition, and caught halfway it would fail the contrast rule it passes at rest. Endless
  // animations (a spinner) never settle and are not waited for.
  await page
    .waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== "running" || animation.effect?.getComputedTiming().iterations === Infinity), null, { timeout: 5_000 })
    .catch(() => {});
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(axe.source);
    await page.evaluate(() => window.axe!.configure({ branding: { application: "keyport-e2e" } }));
  }
  const results = await page.evaluate((within) => window.axe!.run(within ? { include: [within] } : document), selector ?? null);
  return results.violations;
}
