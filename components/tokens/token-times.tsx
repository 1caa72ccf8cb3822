"use client";
// Times of a token: when it expires ("in 7 days", "Never"), and exact moments ("24 Dec 2026, 23:59").
// The server renders UTC; the browser replaces it with its own time zone after hydration. The exact
// time is in the title (hover) and the element takes keyboard focus, so it can be reached without a mouse.
import { useEffect, useState } from "react";
import { expiryText } from "@/lib/tokens/expiry";

function utcText(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

function useLocalText(value: string, format: (date: Date) => string): string {
  const [text, setText] = useState(() => utcText(new Date(value)));
  useEffect(() => setText(format(new Date(value))), [value, format]);
  return text;
}

const longFormat = (date: Date) => date.toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" });
const shortFormat = (date: Date) => date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An exact moment in the reader's time zone. */
export function LocalDateTime({ value }: { value: string }) {
  const text = useLocalText(value, shortFormat);
  const exact = useLocalText(value, longFormat);
  return (
    <time dateTime={value} title={exact}>
      {text}
    </time>
  );
}

/** "in 7 days" (exact time on hover and focus), or "Never". */
export function ExpiryTime({ value, serverNow }: { value: string | null; serverNow: string }) {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const exact = useLocalText(value ?? serverNow, longFormat);
  if (value === null) return <span>Never</span>;
  return (
    <time dateTime={value} title={exact} tabIndex={0} className="cursor-help underline decoration-slate-300 decoration-dotted underline-offset-4">
      {expiryText(new Date(value), now)}
    </time>
  );
}
