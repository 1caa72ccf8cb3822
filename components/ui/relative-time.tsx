"use client";
// "3 hours ago", with the exact local time on hover (the title), and also for the keyboard and touch:
// the time takes focus (Tab, or a tap) and then shows the exact time in a tooltip, which is also its
// accessible description. Escape hides it. The server renders the UTC time; the browser replaces it
// with its own time zone after hydration. It never wraps: "3 minutes ago" stays on one line.
import { useCallback, useEffect, useId, useRef, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTimeText(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 60) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

function utcText(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** The exact time as people read it, in the browser's time zone. */
export function exactTimeText(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" });
}

export function RelativeTime({ value, serverNow }: { value: string; serverNow: string }) {
  const date = new Date(value);
  const [now, setNow] = useState(() => new Date(serverNow));
  const [exact, setExact] = useState(() => utcText(date));
  const tipId = useId();
  const anchor = useRef<HTMLTimeElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    setNow(new Date());
    setExact(exactTimeText(new Date(value)));
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, [value]);

  const place = useCallback(() => {
    const box = anchor.current?.getBoundingClientRect();
    const element = tip.current;
    if (!box || !element) return;
    const width = element.offsetWidth;
    const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
    const below = box.bottom + 6 + element.offsetHeight <= window.innerHeight;
    element.style.left = `${left}px`;
    element.style.top = `${below ? box.bottom + 6 : box.top - 6 - element.offsetHeight}px`;
  }, []);

  useEffect(() => {
    const element = tip.current;
    if (!element || typeof element.showPopover !== "function") return;
    if (!shown) {
      if (element.matches(":popover-open")) element.hidePopover();
      return;
    }
    if (!element.matches(":popover-open")) element.showPopover();
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [shown, place]);

  return (
    <>
      <time
        ref={anchor}
        dateTime={value}
        title={exact}
        tabIndex={0}
        aria-describedby={tipId}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onClick={() => setShown(true)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && shown) {
            // Hide the tooltip only; a dialog around it stays open.
            event.stopPropagation();
            event.preventDefault();
            setShown(false);
          }
        }}
        className="cursor-help rounded-sm whitespace-nowrap underline decoration-slate-400 decoration-dotted underline-offset-4"
      >
        {relativeTimeText(date, now)}
      </time>
      <span
        ref={tip}
        id={tipId}
        role="tooltip"
        popover="manual"
        className="kp-tooltip max-w-[calc(100vw-1rem)] rounded-md bg-slate-900 px-2 py-1 text-xs font-normal text-white shadow-lg"
      >
        {exact}
      </span>
    </>
  );
}
