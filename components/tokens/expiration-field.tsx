"use client";
// The "Expiration" choice of a new token: the presets within the tenant's maximum lifetime, a custom
// date (the token then works through the end of that day in the chooser's time zone) and, when the
// tenant sets no maximum, "No expiration". Shows when the token will expire.
import { useMemo, useState } from "react";
import { Field, fieldAria, inputClasses } from "@/components/ui/text-field";
import { customDateBounds, DAY_MS, defaultExpirationDays, EXPIRATION_PRESETS, endOfLocalDay, isCalendarDate, type ExpirationChoice } from "@/lib/tokens/expiry";

export type ExpirationState = { selected: string; date: string };

export function initialExpiration(maxLifetimeDays: number | null): ExpirationState {
  return { selected: String(defaultExpirationDays(maxLifetimeDays)), date: "" };
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** What the form sends for the chosen expiration. */
export function expirationChoiceOf(state: ExpirationState): ExpirationChoice {
  if (state.selected === "never") return { kind: "never" };
  if (state.selected === "custom") return { kind: "date", date: state.date, timeZone: browserTimeZone() };
  return { kind: "days", days: Number(state.selected) };
}

export function ExpirationField({
  id,
  state,
  onChange,
  maxLifetimeDays,
  error,
}: {
  id: string;
  state: ExpirationState;
  onChange: (state: ExpirationState) => void;
  maxLifetimeDays: number | null;
  error?: string[] | string | null;
}) {
  const [now] = useState(() => new Date());
  const timeZone = useMemo(browserTimeZone, []);
  const presets = EXPIRATION_PRESETS.filter((preset) => maxLifetimeDays === null || preset.days <= maxLifetimeDays);
  const bounds = customDateBounds(now, timeZone, maxLifetimeDays);

  let expiresAt: Date | null = null;
  if (state.selected === "custom") {
    if (isCalendarDate(state.date)) {
      try {
        expiresAt = endOfLocalDay(state.date, timeZone);
      } catch {
        expiresAt = null;
      }
    }
  } else if (state.selected !== "never") {
    expiresAt = new Date(now.getTime() + Number(state.selected) * DAY_MS);
  }

  const hint =
    state.selected === "never"
      ? "The token never expires. Tokens that live forever are the ones that leak: prefer an expiration."
      : expiresAt
        ? `The token expires on ${expiresAt.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}.`
        : "Choose the last day the token works.";
  const policy = maxLifetimeDays === null ? null : `Your organization allows tokens of at most ${maxLifetimeDays === 365 ? "1 year" : `${maxLifetimeDays} days`}.`;

  return (
    <div className="space-y-3">
      <Field id={id} label="Expiration" hint={<>{hint}{policy ? <> {policy}</> : null}</>} error={state.selected === "custom" ? null : error}>
        <select
          id={id}
          value={state.selected}
          onChange={(event) => onChange({ ...state, selected: event.target.value })}
          className={inputClasses}
          {...fieldAria({ id, hint, error: state.selected === "custom" ? null : error })}
        >
          {presets.map((preset) => (
            <option key={preset.days} value={String(preset.days)}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom date…</option>
          {maxLifetimeDays === null ? <option value="never">No expiration</option> : null}
        </select>
      </Field>
      {state.selected === "custom" ? (
        <Field id={`${id}-date`} label="Expiration date" hint={`The token works through the end of that day (${timeZone}). From ${bounds.min} to ${bounds.max}.`} error={error}>
          <input
            id={`${id}-date`}
            type="date"
            required
            min={bounds.min}
            max={bounds.max}
            value={state.date}
            onChange={(event) => onChange({ ...state, date: event.target.value })}
            className={inputClasses}
            {...fieldAria({ id: `${id}-date`, hint: true, error })}
          />
        </Field>
      ) : null}
    </div>
  );
}
