// Where the focus goes back to when a dialog closes. Usually the control that opened it; but the change
// the dialog made may have taken that control away (a revoked token's row) or rendered it anew (a row
// refreshed from the server), and a dialog may end with a move to another page. Focus must then land
// somewhere near, never on the page's body, where a keyboard or screen reader user would start over.

/** The opener, and what surrounded it when the dialog opened. */
export type FocusPlace = { opener: HTMLElement; label: string | null; tag: string; around: HTMLElement[] };

export function placeOf(opener: HTMLElement): FocusPlace {
  const around = [opener.closest<HTMLElement>("[data-scroll-region]"), opener.closest<HTMLElement>("section[aria-labelledby]")].filter((element): element is HTMLElement => element !== null);
  return { opener, label: opener.getAttribute("aria-label"), tag: opener.tagName, around };
}

/**
 * The opener if it is still there and can take the focus; else the same control rendered anew; else the
 * list or section it was in; else the page's main content.
 */
export function focusTargetOf(place: FocusPlace): HTMLElement | null {
  if (place.opener.isConnected && !place.opener.matches(":disabled")) return place.opener;
  if (place.label) {
    const same = document.querySelector(`${place.tag}[aria-label="${CSS.escape(place.label)}"]`);
    if (same instanceof HTMLElement && !same.matches(":disabled")) return same;
  }
  const near = place.around.find((element) => element.isConnected);
  if (near) {
    // A section is named by its heading: the heading takes the focus, when it can.
    const heading = near.matches("section") ? near.querySelector<HTMLElement>("h2[tabindex], h3[tabindex]") : null;
    if (heading) return heading;
    if (near.hasAttribute("tabindex")) return near;
  }
  return document.querySelector<HTMLElement>("main");
}

/**
 * Focuses what `target` names now, and again once the browser has finished closing the dialog. Then,
 * for a few seconds, whenever the page replaces what the dialog changed (the row of a revoked token
 * goes away with the answer of the action) and takes the focused element with it, focuses what
 * `target` names at that moment. A person who acts again in the meantime decides for themselves.
 */
export function returnFocus(target: () => HTMLElement | null) {
  const lost = () => {
    const active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  };
  target()?.focus();
  requestAnimationFrame(() => {
    const now = target();
    if (now && (lost() || document.activeElement !== now)) now.focus({ preventScroll: false });
  });
  const observer = new MutationObserver(() => {
    if (lost()) target()?.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("pointerdown", stop, true);
    document.removeEventListener("keydown", stop, true);
  };
  const timer = setTimeout(stop, 5000);
  document.addEventListener("pointerdown", stop, true);
  document.addEventListener("keydown", stop, true);
}
