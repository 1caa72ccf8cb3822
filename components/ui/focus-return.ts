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

/** The opener if it is still there; else the same control rendered anew; else the list or section it was in; else the page's main content. */
export function focusTargetOf(place: FocusPlace): HTMLElement | null {
  if (place.opener.isConnected) return place.opener;
  if (place.label) {
    const same = document.querySelector(`${place.tag}[aria-label="${CSS.escape(place.label)}"]`);
    if (same instanceof HTMLElement) return same;
  }
  const near = place.around.find((element) => element.isConnected);
  if (near) {
    // A section is named by its heading: the heading takes the focus, when it can.
    const heading = near.matches("section") ? near.querySelector<HTMLElement>("h2[tabindex], h3[tabindex]") : null;
    return heading ?? (near.tabIndex >= 0 || near.hasAttribute("tabindex") ? near : null) ?? document.querySelector<HTMLElement>("main");
  }
  return document.querySelector<HTMLElement>("main");
}

/**
 * Focuses what `target` names now, and again once the browser has finished closing the dialog; then,
 * for a moment, again whenever the focus fell to the page's body (the page was still replacing what the
 * dialog changed, so the element focused first went away).
 */
export function returnFocus(target: () => HTMLElement | null) {
  const lost = () => {
    const active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  };
  const first = target();
  first?.focus();
  requestAnimationFrame(() => {
    const now = target();
    if (now && (lost() || document.activeElement !== now)) now.focus({ preventScroll: false });
  });
  for (const delay of [150, 600]) {
    setTimeout(() => {
      if (lost()) target()?.focus();
    }, delay);
  }
}
