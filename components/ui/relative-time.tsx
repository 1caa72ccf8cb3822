"use client";
// "3 hours ago", with the exact local time on hover. The server renders the UTC time; the browser
// replaces it with its own time zone after hydration.
import { useEffect, useState } from "react";

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

export function RelativeTime({ value, serverNow }: { value: string; serverNow: string }) {
  const date = new Date(value);
  const [now, setNow] = useState(() => new Date(serverNow));
  const [exact, setExact] = useState(() => utcText(date));

  useEffect(() => {
    setNow(new Date());
    setExact(new Date(value).toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" }));
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, [value]);

  return (
    <time dateTime={value} title={exact} className="cursor-help underline decoration-slate-300 decoration-dotted underline-offset-4">
      {relativeTimeText(date, now)}
    </time>
  );
}
