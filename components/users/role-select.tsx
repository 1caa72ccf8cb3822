"use client";
import { fieldAria, inputClasses } from "@/components/ui/text-field";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";

/** The role choice of the Add user and Change role dialogs. */
export function RoleSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (role: string) => void; error?: string[] }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={inputClasses} {...fieldAria({ id, error })}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
