// Helpers for the portal's UI stories: the screen sizes they are told at, a check that nothing scrolls
// sideways, and a look into the browser's own accessibility tree.
import type { Page } from "@playwright/test";
import { expect } from "../support/fixtures";

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** 1366 px at 200 % zoom: what a person with low vision sees on a laptop. */
export const ZOOMED = { width: 683, height: 450 };

/** The page is no wider than the window: nothing scrolls sideways (wide tables scroll inside their box). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const sizes = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }));
  expect(sizes.page, `${what}: the page is ${sizes.page}px wide in a ${sizes.window}px window`).toBeLessThanOrEqual(sizes.window);
}

/**
 * Whether `text` is in Chromium's accessibility tree, where screen readers read it. Content under a
 * modal dialog's inert backdrop is "ignored" there, even though it is on the screen.
 */
export async function inAccessibilityTree(page: Page, text: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: { ignored: boolean; role?: { value?: string }; name?: { value?: string } }[] };
    return nodes.some((node) => !node.ignored && node.role?.value === "StaticText" && (node.name?.value ?? "").includes(text));
  } finally {
    await cdp.detach();
  }
}

/** The element that has the keyboard focus, described for an assertion message. */
export async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "(body)";
    return `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 60)}"`;
  });
}
