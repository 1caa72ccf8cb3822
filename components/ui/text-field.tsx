"use client";
// A labelled form control with its hint and error wired for screen readers: the label names it, the
// error (or else the hint) describes it, and aria-invalid marks it when there is an error.
import type { InputHTMLAttributes } from "react";

export const inputClasses = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 aria-invalid:border-red-600";

type FieldProps = { id: string; label: string; hint?: React.ReactNode; error?: string | string[] | null };

function firstError(error: FieldProps["error"]): string | undefined {
  return Array.isArray(error) ? error[0] : (error ?? undefined);
}

/** aria-* for a control of a field: exported for selects and other controls. */
export function fieldAria({ id, hint, error }: Pick<FieldProps, "id" | "hint" | "error">) {
  const message = firstError(error);
  return {
    "aria-invalid": message ? true : undefined,
    "aria-describedby": message ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

export function Field({ id, label, hint, error, children }: FieldProps & { children: React.ReactNode }) {
  const message = firstError(error);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {message ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ id, label, hint, error, value, onValue, ...input }: FieldProps & { value: string; onValue: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id">) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} value={value} onChange={(event) => onValue(event.target.value)} className={inputClasses} {...fieldAria({ id, hint, error })} {...input} />
    </Field>
  );
}
