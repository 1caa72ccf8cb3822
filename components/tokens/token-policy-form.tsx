"use client";
// "Maximum lifetime" of the tenant's tokens, saved by a full admin.
import { useState } from "react";
import { saveTokenPolicyAction } from "@/lib/actions/token-policy";
import { Button } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/text-field";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { POLICY_CHOICES, daysLabel, type PolicyMaxDays } from "@/lib/tokens/expiry";

const valueOf = (days: number | null) => (days === null ? "none" : String(days));

export function TokenPolicyForm({ maxLifetimeDays }: { maxLifetimeDays: number | null }) {
  const hydrated = useHydrated();
  const [selected, setSelected] = useState(valueOf(maxLifetimeDays));
  const { pending, run } = useAction();

  function save(event: React.FormEvent) {
    event.preventDefault();
    const days = (selected === "none" ? null : Number(selected)) as PolicyMaxDays;
    run(() => saveTokenPolicyAction({ maxLifetimeDays: days }), days === null ? "Token policy saved: no maximum lifetime." : `Token policy saved: tokens live at most ${daysLabel(days)}.`);
  }

  return (
    <form onSubmit={save} className="mt-6 flex max-w-md flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="min-w-48 flex-1">
        <Field id="policy-max-lifetime" label="Maximum lifetime" hint="Longer expirations disappear from the generate dialog, and the API refuses them.">
          <select id="policy-max-lifetime" value={selected} onChange={(event) => setSelected(event.target.value)} className={inputClasses} aria-describedby="policy-max-lifetime-hint">
            {POLICY_CHOICES.map((choice) => (
              <option key={choice.label} value={valueOf(choice.days)}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Button type="submit" variant="primary" disabled={!hydrated || pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
