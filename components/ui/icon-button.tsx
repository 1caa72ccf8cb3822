"use client";
// A compact button that shows an icon, names itself for screen readers (`label`), and shows its short
// `tip` beside it (below it on a phone, where a card puts its buttons at the left edge) on hover and on
// keyboard focus, so sighted keyboard users know what it does too.
// `unavailable` keeps it focusable (its explanation stays reachable) while refusing to act.
import type { ButtonHTMLAttributes } from "react";

export function IconButton({
  label,
  tip,
  icon,
  tone = "default",
  unavailable = false,
  onClick,
  className = "",
  ...props
}: {
  label: string;
  tip: string;
  icon: React.ReactNode;
  tone?: "default" | "danger";
  unavailable?: boolean;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-label" | "children">) {
  const colours = unavailable
    ? "cursor-not-allowed text-slate-400"
    : tone === "danger"
      ? "text-red-700 hover:bg-red-50"
      : "text-slate-700 hover:bg-slate-100";
  return (
    <span className="group relative inline-flex">
      <button
        type="button"
        aria-label={label}
        aria-disabled={unavailable ? true : undefined}
        onClick={unavailable ? undefined : onClick}
        className={`inline-flex h-9 w-9 items-center justify-center rounded-md ${colours} ${className}`}
        {...props}
      >
        {icon}
      </button>
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-full left-0 z-10 mt-1 hidden rounded sm:top-1/2 sm:right-full sm:left-auto sm:mt-0 sm:mr-1 sm:-translate-y-1/2 bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white shadow group-focus-within:block group-hover:block"
      >
        {tip}
      </span>
    </span>
  );
}
