"use client";
import { useState } from "react";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/schemas";

const FIELDS = [
  { key: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { key: "newPassword", label: "New password", autoComplete: "new-password" },
  { key: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;

/** Changing your password ends every session, this one too: you sign in again with the new one. */
export function ChangePasswordForm() {
  const toast = useToast();
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", confirmPassword: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const { pending, run } = useAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => changeOwnPasswordAction(values), {
      onSuccess: () => window.location.assign("/signin?changed=1"),
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        toast.error(failure.error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-6 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="font-medium">Change your password</h2>
      {FIELDS.map((field) => (
        <div key={field.key}>
          <label htmlFor={field.key} className="block text-sm font-medium">
            {field.label}
          </label>
          <input
            id={field.key}
            type="password"
            autoComplete={field.autoComplete}
            value={values[field.key]}
            onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
            aria-invalid={errors[field.key] ? true : undefined}
            aria-describedby={errors[field.key] ? `${field.key}-error` : undefined}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5"
          />
          {errors[field.key] ? (
            <p id={`${field.key}-error`} className="mt-1 text-sm text-red-700">
              {errors[field.key][0]}
            </p>
          ) : null}
        </div>
      ))}
      <p className="text-xs text-slate-500">At least {PASSWORD_MIN_LENGTH} characters. You will be signed out everywhere and sign in again.</p>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
