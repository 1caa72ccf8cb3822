"use client";
// Adds a client secret to an app: a description and a lifetime; the caller shows the value once.
import { useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { Field, inputClasses, TextField } from "@/components/ui/text-field";
import { useAction } from "@/components/ui/use-action";
import { createSecretAction } from "@/lib/actions/apps";
import { SECRET_LIFETIMES } from "@/lib/oauth/schemas";

const SECRET_LIFETIME_CHOICES = Object.entries(SECRET_LIFETIMES).map(([months, label]) => ({ months, label }));

export function NewSecretDialog({ appId, onClose, onCreated }: { appId: string; onClose: () => void; onCreated: (secret: { description: string; value: string }) => void }) {
  const [description, setDescription] = useState("");
  const [months, setMonths] = useState("6");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useAction();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => createSecretAction({ appId, description, months: months as keyof typeof SECRET_LIFETIMES }), {
      success: (created) => `Client secret "${created.description}" added.`,
      onSuccess: onCreated,
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        // Field problems are said at the fields; anything else inside the dialog.
        setError(failure.fieldErrors ? null : failure.error);
      },
    });
  }
  return (
    <Dialog open onClose={onClose} title="Add a client secret">
      <form onSubmit={submit} noValidate className="space-y-4">
        <DialogError message={error} />
        <TextField id="secret-description" label="Description" autoFocus value={description} onValue={setDescription} error={errors.description} />
        <Field id="secret-expires" label="Expires">
          <select id="secret-expires" value={months} onChange={(event) => setMonths(event.target.value)} className={inputClasses}>
            {SECRET_LIFETIME_CHOICES.map((lifetime) => (
              <option key={lifetime.months} value={lifetime.months}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </Field>
        <DialogActions onCancel={onClose} label="Add" pending={pending} />
      </form>
    </Dialog>
  );
}
