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
    e2eNoTransitions?: CSSStyleSheet;
  }
}

/**
 * Runs axe's default rule set (WCAG 2.x A/AA and best practices), or only the rules named, on the page
 * or within `selector`.
 */
export async function axeViolations(page: Page, selector?: string, onlyRules?: string[]): Promise<axe.Result[]> {
  // Colours are judged as they are at rest: a button that was just enabled fades to its colour over a
  // short CSS transition, and caught halfway it would fail the contrast rule it passes at rest. React may
  // enable it a moment after what the test waited for, even while axe runs, so transitions are switched
  // off for the scan (a change of state then shows its final colours at once), and the scan waits for three
  // animation frames in a row with no finite animation running (a dialog's entrance). Endless animations
  // (a spinner) never settle and are not waited for.
  await page.evaluate(async () => {
    // A constructed sheet, not a <style> element: the portal's Content-Security-Policy refuses inline styles.
    // Taken away again once axe has run, so the rest of the test sees the page as a person does.
    const noTransitions = (window.e2eNoTransitions ??= new CSSStyleSheet());
    noTransitions.replaceSync("*, *::before, *::after { transition: none !important; }");
    if (!document.adoptedStyleSheets.includes(noTransitions)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, noTransitions];
    const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const moving = () => document.getAnimations().some((animation) => animation.playState === "running" && animation.effect?.getComputedTiming().iterations !== Infinity);
    const deadline = performance.now() + 5_000;
    for (let quietFrames = 0; quietFrames < 3 && performance.now() < deadline; ) {
      await nextFrame();
      quietFrames = moving() ? 0 : quietFrames + 1;
    }
  });
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(axe.source);
    await page.evaluate(() => window.axe!.configure({ branding: { application: "keyport-e2e" } }));
  }
  const results = await page.evaluate(
    async ({ within, rules }) => {
      try {
        return await window.axe!.run(within ? { include: [within] } : document, rules ? { runOnly: { type: "rule", values: rules } } : {});
      } finally {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== window.e2eNoTransitions);
      }
    },
    { within: selector ?? null, rules: onlyRules ?? null },
  );
  return results.violations;
}
