"use client";
// Rotate and Revoke on a token's details page. After a revocation the token is gone: back to the list.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { RevokeTokenDialog } from "@/components/tokens/revoke-token-dialog";
import { RotateTokenDialog, type RotateTarget } from "@/components/tokens/rotate-token-dialog";

export function TokenDetailsActions({ token, maxLifetimeDays }: { token: RotateTarget; maxLifetimeDays: number | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [rotating, setRotating] = useState(false);
  const [revoking, setRevoking] = useState(false);
  return (
    <div className="flex gap-2">
      <Button disabled={!hydrated} aria-label={`Rotate ${token.name}`} onClick={() => setRotating(true)}>
        Rotate
      </Button>
      <Button disabled={!hydrated} className="!text-red-700" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(true)}>
        Revoke
      </Button>
      {rotating ? <RotateTokenDialog target={token} maxLifetimeDays={maxLifetimeDays} onClose={() => setRotating(false)} /> : null}
      <RevokeTokenDialog
        token={revoking ? token : null}
        onClose={() => setRevoking(false)}
        onRevoked={() => router.push("/settings/api-tokens")}
      />
    </div>
  );
}
