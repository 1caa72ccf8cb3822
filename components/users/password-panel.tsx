"use client";
import { Button } from "@/components/ui/button";
import { SecretValue } from "@/components/ui/secret-value";

/** A password Keyport generated (a new user's, or a reset), shown once inside the dialog that made it. */
export function PasswordPanel({ password, onClose }: { password: string; onClose: () => void }) {
  return (
    <div className="space-y-4">
      <SecretValue
        id="generated-password"
        label="Password"
        value={password}
        what="Password"
        warning="Give this password to the person over a safe channel. It will not be shown again; they can change it under My account."
      />
      <div className="flex justify-end">
        <Button variant="primary" className="min-h-11 w-full sm:min-h-0 sm:w-auto" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
